using System.Globalization;
using System.Net;

namespace MarketSim.Reports;

/// <summary>
/// report.html, the main page of the report folder: inline CSS and scripts, figures linked as files of the same folder,
/// nothing fetched, so the folder opens without a server and can be zipped and mailed whole. Every string that came
/// from a file is HTML-escaped.
/// </summary>
public static class ReportPage
{
    private const string Style = """
        body { font-family: "DejaVu Sans", Verdana, sans-serif; color: #222; max-width: 1100px; margin: 2em auto; padding: 0 1em; }
        h1 { font-size: 1.6em; } h2 { font-size: 1.3em; margin-top: 2.5em; border-bottom: 1px solid #ccc; } h3 { font-size: 1.05em; }
        table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
        th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: right; font-variant-numeric: tabular-nums; }
        th:first-child, td:first-child { text-align: left; }
        th { background: #f3f3f3; }
        table.facts th { text-align: left; }
        figure { margin: 1em 0; } figure img { max-width: 100%; border: 1px solid #eee; }
        .controls label { margin-right: 1.5em; } .controls select { max-width: 28em; }
        #explorer-pairs { display: flex; flex-wrap: wrap; gap: 1em; } .pair-title { font-size: 0.9em; color: #555; }
        table.heatmap td { min-width: 3.5em; } table.heatmap caption { text-align: left; font-size: 0.9em; color: #555; }
        .statics img { border: 1px solid #eee; margin: 2px; width: 320px; height: auto; }
        @media print { .explorer { display: none; } }
        figcaption { font-size: 0.9em; color: #555; }
        .note { color: #555; font-size: 0.95em; }
        .verdict { font-size: 1.05em; background: #f7f7e8; padding: 0.5em; border-left: 4px solid #b8b860; }
        """;

    /// <summary>Name of the page inside the report folder.</summary>
    public const string PageName = "report.html";

    /// <summary>The start of a page up to its body: charset, title, the report's style.</summary>
    public static string Head(string title) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>{E(title)}</title>
        <style>
        {Style}
        </style>
        </head>
        <body>

        """;

    /// <summary>
    /// Writes the main page: facts, missing runs, the cross-point section (<paramref name="crossPoint"/>), then the
    /// point sections themselves when there are few points, or an index of the points' own pages when there are many.
    /// </summary>
    public static async Task WriteAsync(TextWriter page, CrossPointData data, IReadOnlyList<ReportFigure> figures, string crossPoint, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(figures);
        var stats = data.Stats;
        var m = stats.Manifest;
        await page.WriteAsync(Head($"Sweep report: {m.Experiment}")).ConfigureAwait(false);
        await page.WriteAsync($"<h1>Sweep report: {E(m.Experiment)}</h1>\n").ConfigureAwait(false);
        await page.WriteAsync(Facts(stats)).ConfigureAwait(false);
        await page.WriteAsync(Missing(stats)).ConfigureAwait(false);
        await page.WriteAsync("""
            <p class="note">Every interval is a 95 % confidence interval across replications (mean ± half-width, Student t with
            n − 1 degrees of freedom). Replication r of every policy runs on the same seed (common random numbers), so
            policies are compared by the paired difference (policy − reference) within each replication.
            Shares and churn rates are in %, their differences in percentage points; churn out is a percentage of the
            provider's subscribers the month before; consumer surplus is averaged over months after month 0. Consumer surplus
            (realised) is what users got from the plans they hold, at the throughput delivered and the bills charged; consumer
            surplus (option value) is the logit log-sum of the menu as users perceive it; producer surplus is all providers'
            profit per user; welfare is realised consumer surplus plus producer surplus (unless the experiment file says
            otherwise). A stakeholder gains or loses when the 95 % interval of its paired difference excludes zero; a provider
            absent from the reference policy (an entrant) is compared with zero. Every number of the tables is also in
            <a href="summary.csv">summary.csv</a> and <a href="summary.parquet">summary.parquet</a> (one row per point, policy
            and quantity, the swept parameters as columns).</p>

            """).ConfigureAwait(false);
        await page.WriteAsync(crossPoint).ConfigureAwait(false);
        await page.WriteAsync(AcrossPointsTable.Html(stats)).ConfigureAwait(false);
        if (stats.Points.Count <= PointsOfInterest.InlineLimit)
        {
            await page.WriteAsync("<p>Points: " + string.Join(" · ", stats.Points.Select(p => $"<a href=\"#p{p}\">{p}</a> (<a href=\"{PointPage.RelativePath(p)}\">own page</a>)")) + "</p>\n").ConfigureAwait(false);
            foreach (var point in stats.Points)
            {
                ct.ThrowIfCancellationRequested();
                await page.WriteAsync(PointSection.Html(stats, point, figures, "")).ConfigureAwait(false);
            }
        }
        else
        {
            await page.WriteAsync(PointIndex.Html(data, figures)).ConfigureAwait(false);
        }
        // `marketsim analyze` leaves its section in the results folder; re-plotting keeps it.
        await page.WriteAsync(SensitivitySection.Saved(stats.Folder)).ConfigureAwait(false);
        await page.WriteAsync("</body>\n</html>\n").ConfigureAwait(false);
    }

    private static string Missing(SweepStatistics stats)
    {
        if (stats.MissingRuns.Count == 0) return "";
        var ids = string.Join(", ", stats.MissingRuns.Select(E));
        var list = stats.MissingRuns.Count <= 20 ? $"<p class=\"note\">{ids}</p>" : $"<details><summary>the {stats.MissingRuns.Count} run ids</summary><p class=\"note\">{ids}</p></details>";
        return string.Create(CultureInfo.InvariantCulture,
            $"<p class=\"verdict\">Missing runs: {stats.MissingRuns.Count} of {stats.TotalRuns} are not drawn (not finished: still running, failed, or not started). The figures and tables use the {stats.DoneRuns} finished runs; plot again when the sweep is complete or resumed.</p>\n{list}\n");
    }

    private static string Facts(SweepStatistics stats)
    {
        var m = stats.Manifest;
        var policies = string.Join(", ", stats.Policies.Select((p, k) => k == 0 ? $"{E(p)} (reference)" : E(p)));
        var parameters = m.Parameters.Count == 0 ? "none" : string.Join(", ", m.Parameters.Select(E));
        string Row(string key, string value) => $"<tr><th>{key}</th><td style=\"text-align:left\">{value}</td></tr>\n";
        return "<table class=\"facts\">\n"
            + Row("Experiment", E(m.Experiment))
            + Row("Experiment file", E(m.ExperimentFile))
            + Row("Design", string.Create(CultureInfo.InvariantCulture, $"{E(m.Design)}, {m.Samples} samples, {m.Replications} replications per point and policy"))
            + Row("Swept parameters", parameters)
            + Row("Policies", policies)
            + Row("Runs", string.Create(CultureInfo.InvariantCulture, $"{stats.DoneRuns} done, {stats.MissingRuns.Count} missing (not finished), {stats.TotalRuns} in all"))
            + Row("Root seed", m.RootSeed.ToString(CultureInfo.InvariantCulture))
            + Row("Software", E(m.Version))
            + "</table>\n";
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
