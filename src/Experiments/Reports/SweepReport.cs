using MarketSim.Experiments.Output;

namespace MarketSim.Experiments.Reports;

/// <summary>What <see cref="SweepReport.WriteAsync"/> wrote.</summary>
/// <param name="Folder">The report folder (RESULTS_DIR/report).</param>
/// <param name="Page">Path of report.html.</param>
/// <param name="Files">Every file written: each figure's PNG and SVG, then the page.</param>
/// <param name="Statistics">The numbers the report shows, for callers that want them without parsing HTML.</param>
public sealed record ReportResult(string Folder, string Page, IReadOnlyList<string> Files, SweepStatistics Statistics);

/// <summary>
/// `marketsim plot RESULTS_DIR`: reads a sweep's finished runs and writes RESULTS_DIR/report/ with confidence-band
/// trajectories per design point, paired policy comparisons and report.html. Runs still planned are left out,
/// so a report can be made while a sweep is under way; every file is written atomically.
/// </summary>
public static class SweepReport
{
    /// <summary>Name of the report folder inside the results folder.</summary>
    public const string FolderName = "report";

    /// <summary>Name of the page.</summary>
    public const string PageName = "report.html";

    /// <summary>Writes the report of the sweep in <paramref name="resultsFolder"/>.</summary>
    /// <exception cref="MarketSim.Experiments.Config.ConfigException">Not a sweep folder, or no run is done yet.</exception>
    public static async Task<ReportResult> WriteAsync(string resultsFolder, CancellationToken ct = default)
    {
        var stats = await SweepStatistics.LoadAsync(resultsFolder, ct).ConfigureAwait(false);
        string folder = Path.Combine(resultsFolder, FolderName);
        Directory.CreateDirectory(folder);
        // Rendering dominates (a few tenths of a second per figure), so points are drawn in parallel; statistics are
        // read-only by now and each figure is its own file, so the output does not depend on the order.
        var byPoint = new IReadOnlyList<ReportFigure>[stats.Points.Count];
        var options = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount };
        // Sensitivity designs have hundreds of points: their report has the tables, and `marketsim analyze` the charts.
        bool perPointFigures = !Sweeps.SensitivityDesigns.IsSensitivity(stats.Manifest.Design);
        await Parallel.ForEachAsync(Enumerable.Range(0, stats.Points.Count), options, async (i, token) =>
        {
            if (!perPointFigures)
            {
                byPoint[i] = [];
                return;
            }
            int point = stats.Points[i];
            var trajectories = await TrajectoryPlots.WriteAsync(stats, point, folder, token).ConfigureAwait(false);
            var comparisons = await ComparisonPlots.WriteAsync(stats, point, folder, token).ConfigureAwait(false);
            byPoint[i] = [.. trajectories, .. comparisons];
        }).ConfigureAwait(false);
        var figures = byPoint.SelectMany(f => f).ToList();
        string page = Path.Combine(folder, PageName);
        await AtomicFile.WriteAsync(page, async stream =>
        {
            await using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
            await ReportPage.WriteAsync(writer, stats, figures, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        var files = figures.SelectMany(f => new[] { f.Png, f.Svg }).Append(page).ToList();
        return new ReportResult(folder, page, files, stats);
    }
}
