using System.Net;
using MarketSim.Reports.Results;

namespace MarketSim.Reports;

/// <summary>
/// "Share and churn at every design point" (the table under the cross-point explorer, which has the heading "Across the
/// design points"; two sections of one name read as a duplicate on the page): each provider's final share and mean churn-out rate at every point of a grid sweep, per
/// policy and as the paired difference against the reference, with 95 % intervals. The per-point sections show the same
/// numbers point by point; this puts them side by side so a response to the swept parameter (e.g. the MPTCP-capable share
/// in experiments/racing.yaml) can be read down a column. Only for grid sweeps with several points and policies.
/// </summary>
public static class AcrossPointsTable
{
    /// <summary>The section's HTML, or "" when the sweep has a single point or policy, or a sensitivity design.</summary>
    public static string Html(SweepStatistics stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        if (stats.Points.Count < 2 || stats.Policies.Count < 2 || SweepDesigns.IsSensitivity(stats.Manifest.Design)) return "";
        var html = new System.Text.StringBuilder("<section id=\"across-points\">\n<h2>Share and churn at every design point</h2>\n");
        html.Append("<p class=\"note\">Final share (%) and mean churn out (% of last month's subscribers) of each provider at every point, "
            + "mean ± 95 % CI across replications; the differences are paired (same seeds) against the reference policy, in percentage points.</p>\n");
        var others = stats.Policies.Skip(1).ToList();
        foreach (var provider in stats.Providers)
        {
            var share = new RunStatistic(new Series(Metric.Share, provider), Reduction.Final);
            var churn = new RunStatistic(new Series(Metric.ChurnOutRate, provider), Reduction.Mean);
            html.Append($"<h3>{E(provider)}</h3>\n<table class=\"across\">\n<tr><th>point</th>");
            foreach (var policy in stats.Policies) html.Append($"<th>share, {E(policy)}</th><th>churn, {E(policy)}</th>");
            foreach (var policy in others) html.Append($"<th>share, {E(policy)} − {E(stats.Reference)}</th><th>churn, {E(policy)} − {E(stats.Reference)}</th>");
            html.Append("</tr>\n");
            foreach (var point in stats.Points)
            {
                html.Append($"<tr><td>{E(ReportText.PointTitle(stats, point))}</td>");
                foreach (var policy in stats.Policies)
                    html.Append($"<td>{ReportText.Interval(stats.Statistic(point, policy, share))}</td><td>{ReportText.Interval(stats.Statistic(point, policy, churn))}</td>");
                foreach (var policy in others)
                    html.Append($"<td>{ReportText.Interval(stats.StatisticDifference(point, policy, share))}</td><td>{ReportText.Interval(stats.StatisticDifference(point, policy, churn))}</td>");
                html.Append("</tr>\n");
            }
            html.Append("</table>\n");
        }
        return html.Append("</section>\n").ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
