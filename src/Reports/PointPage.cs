using System.Net;
using MarketSim.Reports.Results;

namespace MarketSim.Reports;

/// <summary>
/// report/points/p&lt;point&gt;.html: one design point's section on a page of its own, so a large design's main page
/// carries the cross-point views and an index rather than hundreds of sections.
/// </summary>
public static class PointPage
{
    /// <summary>Folder of the point pages inside the report folder.</summary>
    public const string FolderName = "points";

    /// <summary>Path of a point's page relative to the report folder.</summary>
    public static string RelativePath(int point) => $"{FolderName}/p{point:D3}.html";

    /// <summary>Writes the point's page atomically; returns its path.</summary>
    public static async Task<string> WriteAsync(string reportFolder, SweepStatistics stats, int point, IReadOnlyList<ReportFigure> figures)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var path = Path.Combine(reportFolder, RelativePath(point));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var title = $"{stats.Manifest.Experiment}: {ReportText.PointTitle(stats, point)}";
        var drawn = figures.Any(f => f.Point == point)
            ? ""
            : "<p class=\"note\">No trajectory figures for this point: a large design draws them only for its points of interest (see the main page); the tables are complete.</p>\n";
        await AtomicFile.WriteTextAsync(path, ReportPage.Head(title)
            + $"<p><a href=\"../{ReportPage.PageName}\">← {E(stats.Manifest.Experiment)}: sweep report</a></p>\n"
            + drawn + PointSection.Html(stats, point, figures, "../") + "</body>\n</html>\n").ConfigureAwait(false);
        return path;
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
