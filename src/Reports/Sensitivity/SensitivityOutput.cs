using MarketSim.Reports.Results;

namespace MarketSim.Reports;

/// <summary>What `marketsim analyze` wrote.</summary>
public sealed record SensitivityFiles(string Folder, string Table, IReadOnlyList<string> Charts, string Section, bool ReportUpdated);

/// <summary>Writes an analysis into RESULTS_DIR/analysis/ and its section into report/report.html when the page exists.</summary>
public static class SensitivityOutput
{
    /// <summary>Name of the analysis folder inside the results folder.</summary>
    public const string FolderName = "analysis";

    /// <summary>Writes indices.parquet, the chart (PNG and SVG) and the report section, each atomically.</summary>
    public static async Task<SensitivityFiles> WriteAsync(string resultsFolder, SensitivityResult result, CancellationToken ct = default)
    {
        var folder = Path.Combine(resultsFolder, FolderName);
        Directory.CreateDirectory(folder);
        var table = Path.Combine(folder, IndicesTable.FileName);
        await IndicesTable.WriteAsync(table, result).ConfigureAwait(false);
        var charts = await SensitivityCharts.WriteAsync(result, Path.Combine(folder, SensitivityText.ChartName(result.Design))).ConfigureAwait(false);
        var html = await SensitivitySection.RenderAsync(result, charts[0], charts[1], ct).ConfigureAwait(false);
        var section = Path.Combine(folder, SensitivitySection.FileName);
        await AtomicFile.WriteTextAsync(section, html).ConfigureAwait(false);
        var page = Path.Combine(resultsFolder, SweepReport.FolderName, SweepReport.PageName);
        var exists = File.Exists(page);
        await SensitivitySection.InsertAsync(page, html, ct).ConfigureAwait(false);
        return new SensitivityFiles(folder, table, charts, section, exists);
    }
}
