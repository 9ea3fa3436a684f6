namespace MarketSim.Reports;

/// <summary>How a run's series becomes one number per run.</summary>
public enum Reduction
{
    /// <summary>The value at the run's last tick (where the market ended up).</summary>
    Final,

    /// <summary>The mean over the ticks where the value is defined (month 0 drops out of rates and surplus).</summary>
    Mean,
}

/// <summary>One number per run, the unit of the summary tables: replications give its confidence interval.</summary>
/// <param name="Series">The series reduced.</param>
/// <param name="Reduction">How it is reduced.</param>
public readonly record struct RunStatistic(Series Series, Reduction Reduction)
{
    /// <summary>The table rows, in order: final share, final price, mean churn-out rate, mean bill per subscriber, mean
    /// profit and final net present value of each provider, then the market's mean consumer surplus (both measures),
    /// producer surplus and welfare.</summary>
    public static IReadOnlyList<RunStatistic> Reported(IReadOnlyList<string> providers)
    {
        var rows = new List<RunStatistic>(6 * providers.Count + 4);
        foreach (var provider in providers)
        {
            rows.Add(new(new Series(Metric.Share, provider), Reduction.Final));
            rows.Add(new(new Series(Metric.Price, provider), Reduction.Final));
            rows.Add(new(new Series(Metric.ChurnOutRate, provider), Reduction.Mean));
            rows.Add(new(new Series(Metric.MeanBill, provider), Reduction.Mean));
            rows.Add(new(new Series(Metric.Profit, provider), Reduction.Mean));
            rows.Add(new(new Series(Metric.Npv, provider), Reduction.Final));
        }
        rows.AddRange(Series.MarketMetrics.Select(m => new RunStatistic(new Series(m, null), Reduction.Mean)));
        return rows;
    }

    /// <summary>The run's number from its series (indexed by tick); NaN when undefined.</summary>
    public double Of(IReadOnlyList<double> byTick)
    {
        ArgumentNullException.ThrowIfNull(byTick);
        if (Reduction == Reduction.Final) return byTick.Count == 0 ? double.NaN : byTick[^1];
        var moments = new RunningMoments();
        foreach (var x in byTick) moments.Add(x);
        return moments.Mean;
    }

    /// <summary>Row label, e.g. "final share 3G-A (%)".</summary>
    public string Label => $"{Prefix}{MetricText.Name(Series.Metric)}{ProviderPart} ({MetricText.Unit(Series.Metric)})";

    /// <summary>Row label of a difference, e.g. "final share 3G-A (percentage points)".</summary>
    public string DifferenceLabel => $"{Prefix}{MetricText.Name(Series.Metric)}{ProviderPart} ({MetricText.DifferenceUnit(Series.Metric)})";

    private string Prefix => Reduction == Reduction.Final ? "final " : "mean ";

    private string ProviderPart => Series.Provider is null ? "" : " " + Series.Provider;
}
