using MarketSim.Reports;

namespace MarketSim.Experiments.Games;

/// <summary>One stakeholder metric of a profile against the reference market: both means and the paired difference.</summary>
public sealed record StakeholderRow(string Metric, double Mean, double ReferenceMean, ConfidenceInterval Difference);

/// <summary>
/// The stakeholder metrics of a profile (consumer surplus, welfare, provider profit per user, whatever the run files
/// have) against the reference market, paired by replication (common random numbers).
/// </summary>
public static class StakeholderTable
{
    /// <summary>Rows for <paramref name="profile"/>; without a reference the reference means and differences are NaN.</summary>
    public static IReadOnlyList<StakeholderRow> Of(GameResult result, int profile)
    {
        ArgumentNullException.ThrowIfNull(result);
        var runs = result.Summaries[profile];
        var names = runs[0].Metrics.Keys.OrderBy(Order).ThenBy(n => n, StringComparer.Ordinal).ToList();
        var rows = new List<StakeholderRow>();
        foreach (var name in names)
        {
            var values = runs.Select(r => r.Metrics[name]).ToList();
            var mean = ConfidenceInterval.Of(values).Mean;
            if (result.Reference.Count == 0 || !result.Reference[0].Metrics.ContainsKey(name))
            {
                rows.Add(new StakeholderRow(name, mean, double.NaN, new ConfidenceInterval(double.NaN, double.NaN, 0)));
                continue;
            }
            var reference = result.Reference.Select(r => r.Metrics[name]).ToList();
            rows.Add(new StakeholderRow(name, mean, ConfidenceInterval.Of(reference).Mean, PairedDifference.Of(values, reference)));
        }
        return rows;
    }

    private static int Order(string metric) => metric switch
    {
        "consumer_surplus_realised" => 0,
        "consumer_surplus_option_value" => 1,
        "producer_surplus" => 2,
        "welfare" => 3,
        _ => 4,
    };
}
