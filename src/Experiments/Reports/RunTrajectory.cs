namespace MarketSim.Experiments.Reports;

/// <summary>
/// One run's series, indexed by tick 0..<see cref="LastTick"/>, built from its rows. Values the run does not
/// define (a missing row, churn at month 0, surplus at month 0) are NaN, which every statistic treats as missing.
/// </summary>
public sealed class RunTrajectory
{
    private readonly Dictionary<string, ProviderColumns> providers;
    private readonly double[] surplus;

    private RunTrajectory(IReadOnlyList<string> names, Dictionary<string, ProviderColumns> providers, double[] surplus)
    {
        Providers = names;
        this.providers = providers;
        this.surplus = surplus;
    }

    /// <summary>Provider names in the order their rows appear (the experiment file's order).</summary>
    public IReadOnlyList<string> Providers { get; }

    /// <summary>The run's last tick.</summary>
    public int LastTick => surplus.Length - 1;

    /// <summary>Builds the series from a run's rows (any order; a repeated (tick, provider) keeps the last row).</summary>
    public static RunTrajectory From(IReadOnlyList<MetricsRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) throw new ArgumentException("A run without rows has no trajectory.", nameof(rows));
        int ticks = rows.Max(r => r.Tick) + 1;
        if (rows.Min(r => r.Tick) < 0) throw new ArgumentException("Ticks are never negative.", nameof(rows));
        var names = new List<string>();
        var columns = new Dictionary<string, ProviderColumns>(StringComparer.Ordinal);
        var surplus = Filled(ticks);
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
            if (row.ConsumerSurplus is double cs) surplus[row.Tick] = cs;
        }
        return new RunTrajectory(names, columns, surplus);
    }

    /// <summary>The series by tick; all NaN for a provider this run does not have.</summary>
    public double[] Values(Series series)
    {
        if (series.Metric == Metric.ConsumerSurplus) return (double[])surplus.Clone();
        if (series.Provider is null || !providers.TryGetValue(series.Provider, out var c)) return Filled(surplus.Length);
        return series.Metric switch
        {
            Metric.Share => (double[])c.Share.Clone(),
            Metric.Price => (double[])c.Price.Clone(),
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

        // Churn is measured against the subscribers who could leave: last month's, not this month's.
        public double[] ChurnOutRate()
        {
            var rate = Filled(Share.Length);
            for (int t = 1; t < rate.Length; t++)
            {
                if (Subscribers[t - 1] > 0) rate[t] = 100 * ChurnOut[t] / Subscribers[t - 1];
            }
            return rate;
        }
    }
}
