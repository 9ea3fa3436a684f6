using System.Globalization;
using System.Net;

namespace MarketSim.Reports;

/// <summary>
/// The main page's "Design points" section for a sweep with many points: the points of interest (with figures) and
/// a table of every point with its swept values, runs and ranked welfare, each linking to the point's own page.
/// </summary>
public static class PointIndex
{
    /// <summary>The section's HTML.</summary>
    public static string Html(CrossPointData data, IReadOnlyList<ReportFigure> figures)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(figures);
        var stats = data.Stats;
        var ranked = PointsOfInterest.RankedSeries(data);
        var welfare = data.Values(PointsOfInterest.Ranking, ranked);
        var rankedLabel = ranked.Comparison == Comparison.Difference ? PointsOfInterest.Ranking.DifferenceLabel : PointsOfInterest.Ranking.Label;
        var drawn = figures.Select(f => f.Point).ToHashSet();
        var html = new System.Text.StringBuilder();
        html.Append("<section id=\"points\">\n<h2>Design points</h2>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">Each point's business case, tables and figures are on a page of its own. ");
        html.Append(drawn.Count == data.Points.Count
            ? "Every point has its trajectory figures.</p>\n"
            : string.Create(CultureInfo.InvariantCulture,
                $"Trajectory figures are drawn for the {drawn.Count} points of interest only (the lowest and highest {E(rankedLabel)}, {E(ranked.Label)}), marked ★.</p>\n"));
        html.Append("<table class=\"points\">\n<tr><th>point</th>");
        foreach (var axis in data.Axes) html.Append(CultureInfo.InvariantCulture, $"<th>{E(axis.Name)}</th>");
        html.Append(CultureInfo.InvariantCulture, $"<th>runs</th><th>{E(ranked.Label)}: {E(rankedLabel)}</th></tr>\n");
        for (var i = 0; i < data.Points.Count; i++)
        {
            var point = data.Points[i];
            var star = drawn.Contains(point) ? " ★" : "";
            html.Append(CultureInfo.InvariantCulture, $"<tr><td><a href=\"{PointPage.RelativePath(point)}\">{point}</a>{star}</td>");
            foreach (var axis in data.Axes) html.Append(CultureInfo.InvariantCulture, $"<td>{E(axis.Text[i])}</td>");
            var runs = stats.Policies.Sum(p => stats.Runs(point, p));
            html.Append(CultureInfo.InvariantCulture, $"<td>{runs}</td><td>{ReportText.Interval(welfare[i])}</td></tr>\n");
        }
        return html.Append("</table>\n</section>\n").ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
