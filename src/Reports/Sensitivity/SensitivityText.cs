using MarketSim.Reports.Results;

namespace MarketSim.Reports;

/// <summary>Names and captions shared by the table, the charts and the report section.</summary>
public static class SensitivityText
{
    /// <summary>The design as written in sweep files.</summary>
    public static string DesignName(SweepDesign design) => design switch
    {
        SweepDesign.Saltelli => "saltelli",
        SweepDesign.Morris => "morris",
        SweepDesign.OneAtATime => "one_at_a_time",
        _ => design.ToString().ToLowerInvariant(),
    };

    /// <summary>The chart's stem inside the analysis folder.</summary>
    public static string ChartName(SweepDesign design) => design switch
    {
        SweepDesign.Saltelli => "sobol_indices",
        SweepDesign.Morris => "morris_mu_star",
        _ => "tornado",
    };

    /// <summary>What the chart shows.</summary>
    public static string Caption(SensitivityResult result) => result.Design switch
    {
        SweepDesign.Saltelli => $"Sobol first-order and total indices of {result.Metric}, 95 % bootstrap intervals",
        SweepDesign.Morris => $"Morris mu* (mean absolute elementary effect, per full range) of {result.Metric}, 95 % bootstrap intervals",
        _ => $"Change of {result.Metric} when one parameter goes from the middle of its range to its low or high bound, 95 % intervals across replications",
    };

    /// <summary>The last segment of a dotted path, for axis labels (users.price_sensitivity → price_sensitivity).</summary>
    public static string Short(string path) => path.Contains("providers[", StringComparison.Ordinal) ? path : path[(path.LastIndexOf('.') + 1)..];
}
