namespace MarketSim.Experiments.Reports;

/// <summary>A quantity the report follows over time, in the unit plotted and tabulated.</summary>
public enum Metric
{
    /// <summary>A provider's subscribers as a percentage of all users.</summary>
    Share,

    /// <summary>A provider's churn out this month as a percentage of its subscribers the month before
    /// (the usual monthly churn rate); undefined at month 0 and after a month with no subscribers.</summary>
    ChurnOutRate,

    /// <summary>A provider's monthly fee.</summary>
    Price,

    /// <summary>Market-wide mean logit log-sum, money per user per month; undefined at month 0.</summary>
    ConsumerSurplus,
}

/// <summary>One time series of a run: a metric of one provider, or a market-wide metric (no provider).</summary>
/// <param name="Metric">The quantity.</param>
/// <param name="Provider">Provider name; null for <see cref="Metric.ConsumerSurplus"/>.</param>
public readonly record struct Series(Metric Metric, string? Provider)
{
    /// <summary>The market-wide consumer surplus series.</summary>
    public static Series ConsumerSurplus { get; } = new(Metric.ConsumerSurplus, null);

    /// <summary>Every series of a run with these providers: share, churn-out rate and price of each, then consumer surplus.</summary>
    public static IReadOnlyList<Series> All(IReadOnlyList<string> providers)
    {
        var all = new List<Series>(3 * providers.Count + 1);
        foreach (var metric in new[] { Metric.Share, Metric.ChurnOutRate, Metric.Price })
        {
            all.AddRange(providers.Select(p => new Series(metric, p)));
        }
        all.Add(ConsumerSurplus);
        return all;
    }
}

/// <summary>Names and units of metrics for titles, axes and tables.</summary>
public static class MetricText
{
    /// <summary>Short name, lower case.</summary>
    public static string Name(Metric metric) => metric switch
    {
        Metric.Share => "share",
        Metric.ChurnOutRate => "churn out",
        Metric.Price => "price",
        Metric.ConsumerSurplus => "consumer surplus",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    /// <summary>Unit of the metric's values.</summary>
    public static string Unit(Metric metric) => metric switch
    {
        Metric.Share => "%",
        Metric.ChurnOutRate => "% of last month's subscribers",
        Metric.Price => "money per month",
        Metric.ConsumerSurplus => "money per user per month",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    /// <summary>Unit of a difference of two values: shares and rates differ in percentage points.</summary>
    public static string DifferenceUnit(Metric metric) => metric is Metric.Share or Metric.ChurnOutRate ? "percentage points" : Unit(metric);
}
