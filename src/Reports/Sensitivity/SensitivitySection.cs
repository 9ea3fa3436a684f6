using System.Globalization;
using System.Net;
using MarketSim.Reports.Results;

namespace MarketSim.Reports;

/// <summary>
/// The "Sensitivity analysis" section of report.html. `analyze` writes it to analysis/report-section.html and puts it
/// into an existing report/report.html between two markers (replacing an earlier analysis); `plot` embeds the file
/// when it exists, so re-plotting keeps it.
/// </summary>
public static class SensitivitySection
{
    /// <summary>File name inside the analysis folder.</summary>
    public const string FileName = "report-section.html";

    private const string Begin = "<!-- sensitivity analysis -->";
    private const string End = "<!-- end sensitivity analysis -->";

    /// <summary>The section's HTML, with the chart embedded as a data URI.</summary>
    public static async Task<string> RenderAsync(SensitivityResult result, string png, string svg, CancellationToken ct = default)
    {
        var measures = result.Rows.Select(r => r.Measure).Distinct().ToList();
        var head = string.Concat(measures.Select(m => $"<th>{E(m)}</th>"));
        var body = result.Parameters.Select(p =>
            $"<tr><td>{E(p)}</td>{string.Concat(measures.Select(m => $"<td>{Cell(result.Rows.Single(r => r.Parameter == p && r.Measure == m))}</td>"))}</tr>\n");
        var data = Convert.ToBase64String(await File.ReadAllBytesAsync(png, ct).ConfigureAwait(false));
        var facts = string.Create(CultureInfo.InvariantCulture,
            $"Design {SensitivityText.DesignName(result.Design)}: {result.Points} points, {result.Runs} runs read. Output over the points: mean {result.OutputMean:G4}, standard deviation {result.OutputStandardDeviation:G4}, from {result.OutputMin:G4} to {result.OutputMax:G4}.");
        return $"""
            {Begin}
            <section id="sensitivity">
            <h2>Sensitivity analysis: {E(result.Metric)}</h2>
            <p class="note">{E(facts)} {E(Explanation(result.Design))}</p>
            <table class="sensitivity">
            <tr><th>parameter</th>{head}</tr>
            {string.Concat(body)}</table>
            <figure><img alt="{E(SensitivityText.Caption(result))}" src="data:image/png;base64,{data}"><figcaption>{E(SensitivityText.Caption(result))} (vector version: {E(Path.GetFileName(svg))})</figcaption></figure>
            </section>
            {End}

            """;
    }

    /// <summary>Puts <paramref name="section"/> into the report page, replacing an earlier one; no page, nothing to do.</summary>
    public static async Task InsertAsync(string page, string section, CancellationToken ct = default)
    {
        if (!File.Exists(page)) return;
        var html = await File.ReadAllTextAsync(page, ct).ConfigureAwait(false);
        var begin = html.IndexOf(Begin, StringComparison.Ordinal);
        var end = html.IndexOf(End, StringComparison.Ordinal);
        html = begin >= 0 && end > begin
            ? html[..begin] + section + html[(end + End.Length)..].TrimStart('\n')
            : html.Replace("</body>", section + "</body>", StringComparison.Ordinal);
        await AtomicFile.WriteTextAsync(page, html).ConfigureAwait(false);
    }

    /// <summary>The saved section of a results folder's analysis, or "" when there is none (for `plot`).</summary>
    public static string Saved(string resultsFolder)
    {
        var path = Path.Combine(resultsFolder, SensitivityOutput.FolderName, FileName);
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    private static string Explanation(SweepDesign design) => design switch
    {
        SweepDesign.Saltelli => "First order S: share of the output's variance due to the parameter alone; total ST: including its interactions (Saltelli 2010, Jansen). Each point's output is the mean over its replications; intervals are 95 % bootstrap percentiles over the base samples. ST − S large: the parameter acts through interactions.",
        SweepDesign.Morris => "mu*: mean absolute change of the output per full range of the parameter (Morris 1991, Campolongo 2007); sigma large against mu*: non-linear or interacting. A screening step: rank, then run a saltelli design on the parameters that matter.",
        _ => "Each parameter moved alone from the middle of its range to a bound; paired with the base point on the same seeds. Local: says nothing about interactions.",
    };

    private static string Cell(IndexRow row) => double.IsFinite(row.Low)
        ? string.Create(CultureInfo.InvariantCulture, $"{row.Value:F3} [{row.Low:F3}, {row.High:F3}]")
        : string.Create(CultureInfo.InvariantCulture, $"{row.Value:F3}");

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
