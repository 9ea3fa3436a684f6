using MarketSim.Reports.Results;

namespace MarketSim.Reports;

/// <summary>What <see cref="SweepReport.WriteAsync"/> wrote.</summary>
/// <param name="Folder">The report folder (RESULTS_DIR/report).</param>
/// <param name="Page">Path of report.html.</param>
/// <param name="Files">Every file written: each point figure's PNG and SVG, the cross-point PNGs, the point pages, summary.parquet and summary.csv, then the page.</param>
/// <param name="Statistics">The numbers the report shows, for callers that want them without parsing HTML.</param>
public sealed record ReportResult(string Folder, string Page, IReadOnlyList<string> Files, SweepStatistics Statistics);

/// <summary>
/// `marketsim plot RESULTS_DIR`: reads a sweep's finished runs and writes RESULTS_DIR/report/: report.html with the
/// cross-point views (explorer and static figures), confidence-band trajectories and paired policy comparisons per
/// design point (every point of a small sweep, the points of interest of a large one), a page per point, and
/// summary.parquet / summary.csv. Runs not finished are left out and listed (<see cref="SweepStatistics.MissingRuns"/>),
/// so a report can be made while a sweep is under way or after some runs failed; every file is written atomically.
/// </summary>
public static class SweepReport
{
    /// <summary>Name of the report folder inside the results folder.</summary>
    public const string FolderName = "report";

    /// <summary>Name of the page.</summary>
    public const string PageName = ReportPage.PageName;

    /// <summary>Writes the report of the sweep in <paramref name="resultsFolder"/>.</summary>
    /// <exception cref="ConfigException">Not a sweep folder, or no run is done yet.</exception>
    public static async Task<ReportResult> WriteAsync(string resultsFolder, CancellationToken ct = default)
    {
        var stats = await SweepStatistics.LoadAsync(resultsFolder, ct).ConfigureAwait(false);
        var data = CrossPointData.From(stats);
        var folder = Path.Combine(resultsFolder, FolderName);
        Directory.CreateDirectory(folder);
        // Rendering dominates (a few tenths of a second per figure), so figures are drawn in parallel; statistics are
        // read-only by now and each figure is its own file, so the output does not depend on the order.
        var options = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount };
        var drawnPoints = PointsOfInterest.Select(data);
        var byPoint = new IReadOnlyList<ReportFigure>[drawnPoints.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, drawnPoints.Count), options, async (i, token) =>
        {
            var point = drawnPoints[i];
            var trajectories = await TrajectoryPlots.WriteAsync(stats, point, folder, token).ConfigureAwait(false);
            var comparisons = await ComparisonPlots.WriteAsync(stats, point, folder, token).ConfigureAwait(false);
            byPoint[i] = [.. trajectories, .. comparisons];
        }).ConfigureAwait(false);
        var figures = byPoint.SelectMany(f => f).ToList();
        var crossFigures = ExplorerSection.Applies(data) ? CrossPointPlots.Plan(data, folder) : [];
        await Parallel.ForEachAsync(crossFigures, options, async (figure, _) => await CrossPointPlots.WriteAsync(data, figure).ConfigureAwait(false)).ConfigureAwait(false);
        var pages = new List<string>();
        foreach (var point in stats.Points)
        {
            pages.Add(await PointPage.WriteAsync(folder, stats, point, figures).ConfigureAwait(false));
        }
        var tables = await SummaryTable.WriteAsync(folder, data).ConfigureAwait(false);
        var crossPoint = ExplorerSection.Html(data, crossFigures, folder);
        var page = Path.Combine(folder, PageName);
        await AtomicFile.WriteAsync(page, async stream =>
        {
            await using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
            await ReportPage.WriteAsync(writer, data, figures, crossPoint, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        var files = figures.SelectMany(f => new[] { f.Png, f.Svg }).Concat(crossFigures.Select(f => f.Png)).Concat(pages).Concat(tables).Append(page).ToList();
        return new ReportResult(folder, page, files, stats);
    }
}
