using System.Globalization;
using System.Net;

namespace MarketSim.Experiments.Reports;

/// <summary>
/// report.html: one self-contained page (inline CSS, figures as base64 data URIs, nothing fetched) so it can be
/// mailed or archived as one file. Every string that came from a file is HTML-escaped; PNGs are read one at a
/// time while writing, so the page never sits in memory whole.
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
        figcaption { font-size: 0.9em; color: #555; }
        .note { color: #555; font-size: 0.95em; }
        .verdict { font-size: 1.05em; background: #f7f7e8; padding: 0.5em; border-left: 4px solid #b8b860; }
        """;

    /// <summary>Writes the page for <paramref name="stats"/> with <paramref name="figures"/> embedded under their points.</summary>
    public static async Task WriteAsync(TextWriter page, SweepStatistics stats, IReadOnlyList<ReportFigure> figures, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(stats);
        ArgumentNullException.ThrowIfNull(figures);
        var m = stats.Manifest;
        await page.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Sweep report: {E(m.Experiment)}</title>
            <style>
            {Style}
            </style>
            </head>
            <body>
            <h1>Sweep report: {E(m.Experiment)}</h1>

            """).ConfigureAwait(false);
        await page.WriteAsync(Facts(stats)).ConfigureAwait(false);
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
            absent from the reference policy (an entrant) is compared with zero.</p>

            """).ConfigureAwait(false);
        await page.WriteAsync("<p>Points: " + string.Join(" · ", stats.Points.Select(p => $"<a href=\"#p{p}\">{p}</a>")) + "</p>\n").ConfigureAwait(false);
        await page.WriteAsync(AcrossPointsTable.Html(stats)).ConfigureAwait(false);
        foreach (int point in stats.Points)
        {
            ct.ThrowIfCancellationRequested();
            await page.WriteAsync($"<section id=\"p{point}\">\n<h2>{E(ReportText.PointTitle(stats, point))}</h2>\n").ConfigureAwait(false);
            if (stats.Policies.Count > 1) await page.WriteAsync(StakeholderTable.Html(stats, point)).ConfigureAwait(false);
            await page.WriteAsync(SummaryTable(stats, point)).ConfigureAwait(false);
            if (stats.Policies.Count > 1) await page.WriteAsync(DifferenceTable(stats, point)).ConfigureAwait(false);
            foreach (var figure in figures.Where(f => f.Point == point))
            {
                byte[] png = await File.ReadAllBytesAsync(figure.Png, ct).ConfigureAwait(false);
                await page.WriteAsync($"<figure><img alt=\"{E(figure.Caption)}\" src=\"data:image/png;base64,").ConfigureAwait(false);
                await page.WriteAsync(Convert.ToBase64String(png)).ConfigureAwait(false);
                await page.WriteAsync($"\"><figcaption>{E(figure.Caption)} (vector version: {E(Path.GetFileName(figure.Svg))})</figcaption></figure>\n").ConfigureAwait(false);
            }
            await page.WriteAsync("</section>\n").ConfigureAwait(false);
        }
        // `marketsim analyze` leaves its section in the results folder; re-plotting keeps it.
        await page.WriteAsync(Sensitivity.SensitivitySection.Saved(stats.Folder)).ConfigureAwait(false);
        await page.WriteAsync("</body>\n</html>\n").ConfigureAwait(false);
    }

    private static string Facts(SweepStatistics stats)
    {
        var m = stats.Manifest;
        int planned = stats.TotalRuns - stats.DoneRuns;
        string policies = string.Join(", ", stats.Policies.Select((p, k) => k == 0 ? $"{E(p)} (reference)" : E(p)));
        string parameters = m.Parameters.Count == 0 ? "none" : string.Join(", ", m.Parameters.Select(E));
        string Row(string key, string value) => $"<tr><th>{key}</th><td style=\"text-align:left\">{value}</td></tr>\n";
        return "<table class=\"facts\">\n"
            + Row("Experiment", E(m.Experiment))
            + Row("Experiment file", E(m.ExperimentFile))
            + Row("Design", string.Create(CultureInfo.InvariantCulture, $"{E(m.Design)}, {m.Samples} samples, {m.Replications} replications per point and policy"))
            + Row("Swept parameters", parameters)
            + Row("Policies", policies)
            + Row("Runs", string.Create(CultureInfo.InvariantCulture, $"{stats.DoneRuns} done, {planned} planned (not yet run), {stats.TotalRuns} in all"))
            + Row("Root seed", m.RootSeed.ToString(CultureInfo.InvariantCulture))
            + Row("Software", E(m.Version))
            + "</table>\n";
    }

    private static string SummaryTable(SweepStatistics stats, int point)
    {
        var columns = stats.Policies;
        string head = string.Concat(columns.Select((p, k) => $"<th>{E(p)}{(k == 0 ? " (reference)" : "")}<br>n = {stats.Runs(point, p)}</th>"));
        var rows = RunStatistic.Reported(stats.Providers).Select(s =>
            $"<tr><td>{E(s.Label)}</td>{string.Concat(columns.Select(p => $"<td>{ReportText.Interval(stats.Statistic(point, p, s))}</td>"))}</tr>\n");
        return $"<h3>Summary: mean ± 95 % CI across replications</h3>\n<table class=\"summary\">\n<tr><th>quantity</th>{head}</tr>\n{string.Concat(rows)}</table>\n";
    }

    private static string DifferenceTable(SweepStatistics stats, int point)
    {
        var columns = stats.Policies.Skip(1).ToList();
        string head = string.Concat(columns.Select(p => $"<th>{E(p)} − {E(stats.Reference)}</th>"));
        var rows = RunStatistic.Reported(stats.Providers).Select(s =>
            $"<tr><td>{E(s.DifferenceLabel)}</td>{string.Concat(columns.Select(p => $"<td>{ReportText.Interval(stats.StatisticDifference(point, p, s))}</td>"))}</tr>\n");
        return $"<h3>Paired difference vs {E(stats.Reference)}: mean ± 95 % CI over replications</h3>\n<table class=\"differences\">\n<tr><th>quantity</th>{head}</tr>\n{string.Concat(rows)}</table>\n";
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
