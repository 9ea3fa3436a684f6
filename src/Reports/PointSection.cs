using System.Net;

namespace MarketSim.Reports;

/// <summary>
/// One design point's section: the business case stakeholder by stakeholder, the summary and paired-difference
/// tables, and its figures, linked as files beside the page (drawn once, shown by the main page and the point's
/// own page alike) rather than copied into each page.
/// </summary>
public static class PointSection
{
    /// <summary>The section's HTML; <paramref name="imagePrefix"/> leads from the page to the report folder ("" or "../").</summary>
    public static string Html(SweepStatistics stats, int point, IReadOnlyList<ReportFigure> figures, string imagePrefix)
    {
        ArgumentNullException.ThrowIfNull(stats);
        ArgumentNullException.ThrowIfNull(figures);
        var html = new System.Text.StringBuilder();
        html.Append($"<section id=\"p{point}\">\n<h2>{E(ReportText.PointTitle(stats, point))}</h2>\n");
        if (stats.Policies.Count > 1) html.Append(StakeholderTable.Html(stats, point));
        html.Append(SummaryTable(stats, point));
        if (stats.Policies.Count > 1) html.Append(DifferenceTable(stats, point));
        foreach (var figure in figures.Where(f => f.Point == point))
        {
            string png = E(imagePrefix + Path.GetFileName(figure.Png)), svg = E(imagePrefix + Path.GetFileName(figure.Svg));
            html.Append($"<figure><img loading=\"lazy\" alt=\"{E(figure.Caption)}\" src=\"{png}\"><figcaption>{E(figure.Caption)} (vector version: <a href=\"{svg}\">{E(Path.GetFileName(figure.Svg))}</a>)</figcaption></figure>\n");
        }
        return html.Append("</section>\n").ToString();
    }

    private static string SummaryTable(SweepStatistics stats, int point)
    {
        var columns = stats.Policies;
        var head = string.Concat(columns.Select((p, k) => $"<th>{E(p)}{(k == 0 ? " (reference)" : "")}<br>n = {stats.Runs(point, p)}</th>"));
        var rows = RunStatistic.Reported(stats.Providers).Select(s =>
            $"<tr><td>{E(s.Label)}</td>{string.Concat(columns.Select(p => $"<td>{ReportText.Interval(stats.Statistic(point, p, s))}</td>"))}</tr>\n");
        return $"<h3>Summary: mean ± 95 % CI across replications</h3>\n<table class=\"summary\">\n<tr><th>quantity</th>{head}</tr>\n{string.Concat(rows)}</table>\n";
    }

    private static string DifferenceTable(SweepStatistics stats, int point)
    {
        var columns = stats.Policies.Skip(1).ToList();
        var head = string.Concat(columns.Select(p => $"<th>{E(p)} − {E(stats.Reference)}</th>"));
        var rows = RunStatistic.Reported(stats.Providers).Select(s =>
            $"<tr><td>{E(s.DifferenceLabel)}</td>{string.Concat(columns.Select(p => $"<td>{ReportText.Interval(stats.StatisticDifference(point, p, s))}</td>"))}</tr>\n");
        return $"<h3>Paired difference vs {E(stats.Reference)}: mean ± 95 % CI over replications</h3>\n<table class=\"differences\">\n<tr><th>quantity</th>{head}</tr>\n{string.Concat(rows)}</table>\n";
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
