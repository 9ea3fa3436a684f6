namespace MarketSim.Reports;

/// <summary>
/// One run's series, indexed by tick 0..<see cref="LastTick"/>, built from its rows. Values the run does not
/// define (a missing row, churn at month 0, surplus at month 0) are NaN, which every statistic treats as missing.
/// </summary>
public sealed class RunTrajectory
{
    private readonly Dictionary<string, ProviderColumns> providers;
    private readonly Dictionary<Metric, double[]> market;

    private RunTrajectory(IReadOnlyList<string> names, Dictionary<string, ProviderColumns> providers, Dictionary<Metric, double[]> market)
    {
        Providers = names;
        this.providers = providers;
        this.market = market;
    }

    /// <summary>Provider names in the order their rows appear (the experiment file's order).</summary>
    public IReadOnlyList<string> Providers { get; }

    /// <summary>Users with an MPTCP-capable device, % of all users, by tick (NaN where the run file has no such column).
    /// Kept apart from the metrics: it is drawn (the adoption figure) but not summarised, so sweeps without adoption keep
    /// their summaries.</summary>
    public IReadOnlyList<double> MptcpCapablePercent { get; private init; } = [];

    /// <summary>The run's last tick.</summary>
    public int LastTick => market[Metric.ConsumerSurplus].Length - 1;

    /// <summary>Builds the series from a run's rows (any order; a repeated (tick, provider) keeps the last row).</summary>
    public static RunTrajectory From(IReadOnlyList<MetricsRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) throw new ArgumentException("A run without rows has no trajectory.", nameof(rows));
        var ticks = rows.Max(r => r.Tick) + 1;
        if (rows.Min(r => r.Tick) < 0) throw new ArgumentException("Ticks are never negative.", nameof(rows));
        var names = new List<string>();
        var columns = new Dictionary<string, ProviderColumns>(StringComparer.Ordinal);
        var market = Series.MarketMetrics.ToDictionary(m => m, _ => Filled(ticks));
        var capable = Filled(ticks);
        foreach (var row in rows)
        {
            if (!columns.TryGetValue(row.Provider, out var c))
            {
                c = new ProviderColumns(ticks);
                columns.Add(row.Provider, c);
                names.Add(row.Provider);
            }
            c.Subscribers[row.Tick] = row.Subscribers;
            c.ChurnOut[row.Tick] = row.ChurnOut;
            c.Share[row.Tick] = 100 * row.Share;
            c.Price[row.Tick] = row.Price;
            c.MeanBill[row.Tick] = row.MeanBill ?? double.NaN;
            c.Profit[row.Tick] = row.Profit;
            c.Npv[row.Tick] = row.Npv;
            market[Metric.ConsumerSurplus][row.Tick] = row.ConsumerSurplus ?? double.NaN;
            market[Metric.RealisedSurplus][row.Tick] = row.RealisedSurplus ?? double.NaN;
            market[Metric.ProducerSurplus][row.Tick] = row.ProducerSurplus;
            market[Metric.Welfare][row.Tick] = row.Welfare ?? double.NaN;
            capable[row.Tick] = 100 * row.MptcpCapableShare;
        }
        return new RunTrajectory(names, columns, market) { MptcpCapablePercent = capable };
    }

    /// <summary>The series by tick; all NaN for a provider this run does not have.</summary>
    public double[] Values(Series series)
    {
        if (market.TryGetValue(series.Metric, out var wide)) return (double[])wide.Clone();
        if (series.Provider is null || !providers.TryGetValue(series.Provider, out var c)) return Filled(LastTick + 1);
        return series.Metric switch
        {
            Metric.Share => (double[])c.Share.Clone(),
            Metric.Price => (double[])c.Price.Clone(),
            Metric.MeanBill => (double[])c.MeanBill.Clone(),
            Metric.Profit => (double[])c.Profit.Clone(),
            Metric.Npv => (double[])c.Npv.Clone(),
            Metric.ChurnOutRate => c.ChurnOutRate(),
            _ => throw new ArgumentOutOfRangeException(nameof(series), series.Metric, null),
        };
    }

    private static double[] Filled(int length)
    {
        var values = new double[length];
        Array.Fill(values, double.NaN);
        return values;
    }

    private sealed class ProviderColumns(int ticks)
    {
        public double[] Subscribers { get; } = Filled(ticks);
        public double[] ChurnOut { get; } = Filled(ticks);
        public double[] Share { get; } = Filled(ticks);
        public double[] Price { get; } = Filled(ticks);
        public double[] MeanBill { get; } = Filled(ticks);
        public double[] Profit { get; } = Filled(ticks);
        public double[] Npv { get; } = Filled(ticks);

        // Churn is measured against the subscribers who could leave: last month's, not this month's.
        public double[] ChurnOutRate()
        {
            var rate = Filled(Share.Length);
            for (var t = 1; t < rate.Length; t++)
            {
                if (Subscribers[t - 1] > 0) rate[t] = 100 * ChurnOut[t] / Subscribers[t - 1];
            }
            return rate;
        }
    }
}
