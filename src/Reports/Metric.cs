namespace MarketSim.Reports;

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

    /// <summary>Market-wide option-value consumer surplus (mean logit log-sum), money per user per month; undefined at month 0.</summary>
    ConsumerSurplus,

    /// <summary>A provider's mean bill per subscriber (what users pay, not the posted fee).</summary>
    MeanBill,

    /// <summary>A provider's profit this month (after fixed cost).</summary>
    Profit,

    /// <summary>A provider's net present value up to this month (discounted profits minus entry cost).</summary>
    Npv,

    /// <summary>Market-wide realised consumer surplus, money per user per month; undefined at month 0.</summary>
    RealisedSurplus,

    /// <summary>Market-wide producer surplus: all profits per user, money per user per month.</summary>
    ProducerSurplus,

    /// <summary>Market-wide welfare: consumer + producer surplus, money per user per month; undefined at month 0.</summary>
    Welfare,
}

/// <summary>One time series of a run: a metric of one provider, or a market-wide metric (no provider).</summary>
/// <param name="Metric">The quantity.</param>
/// <param name="Provider">Provider name; null for <see cref="Metric.ConsumerSurplus"/>.</param>
public readonly record struct Series(Metric Metric, string? Provider)
{
    /// <summary>The market-wide consumer surplus series.</summary>
    public static Series ConsumerSurplus { get; } = new(Metric.ConsumerSurplus, null);

    /// <summary>Metrics of each provider.</summary>
    public static IReadOnlyList<Metric> ProviderMetrics { get; } = [Metric.Share, Metric.ChurnOutRate, Metric.Price, Metric.MeanBill, Metric.Profit, Metric.Npv];

    /// <summary>Market-wide metrics (no provider).</summary>
    public static IReadOnlyList<Metric> MarketMetrics { get; } = [Metric.ConsumerSurplus, Metric.RealisedSurplus, Metric.ProducerSurplus, Metric.Welfare];

    /// <summary>True for a market-wide metric.</summary>
    public static bool IsMarketWide(Metric metric) => MarketMetrics.Contains(metric);

    /// <summary>Every series of a run with these providers: each provider metric of each provider, then the market-wide ones.</summary>
    public static IReadOnlyList<Series> All(IReadOnlyList<string> providers)
    {
        var all = new List<Series>(ProviderMetrics.Count * providers.Count + MarketMetrics.Count);
        foreach (var metric in ProviderMetrics)
        {
            all.AddRange(providers.Select(p => new Series(metric, p)));
        }
        all.AddRange(MarketMetrics.Select(m => new Series(m, null)));
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
        Metric.ConsumerSurplus => "consumer surplus (option value)",
        Metric.MeanBill => "bill per subscriber",
        Metric.Profit => "profit",
        Metric.Npv => "net present value",
        Metric.RealisedSurplus => "consumer surplus (realised)",
        Metric.ProducerSurplus => "producer surplus",
        Metric.Welfare => "welfare",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    /// <summary>Unit of the metric's values.</summary>
    public static string Unit(Metric metric) => metric switch
    {
        Metric.Share => "%",
        Metric.ChurnOutRate => "% of last month's subscribers",
        Metric.Price => "money per month",
        Metric.ConsumerSurplus or Metric.RealisedSurplus or Metric.ProducerSurplus or Metric.Welfare => "money per user per month",
        Metric.MeanBill => "money per subscriber per month",
        Metric.Profit => "money per month",
        Metric.Npv => "money",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    /// <summary>Unit of a difference of two values: shares and rates differ in percentage points.</summary>
    public static string DifferenceUnit(Metric metric) => metric is Metric.Share or Metric.ChurnOutRate ? "percentage points" : Unit(metric);
}
