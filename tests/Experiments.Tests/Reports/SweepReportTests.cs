using System.Text.RegularExpressions;
using MarketSim.Reports;
using MarketSim.Reports.Results;

namespace MarketSim.Experiments.Tests.Reports;

public class SweepReportTests
{
    // How ScottPlot writes the translucent band of the first provider (Category10 blue) into an SVG.
    private const string BandFill = "<path fill=\"#1F77B4\" fill-opacity=";

    private static readonly Lazy<Task<ReportResult>> Report = new(async () =>
        await SweepReport.WriteAsync(await SyntheticSweep.WriteAsync(experiment: "crn <b>&</b> test",
            leavePlanned: (p, policy, r) => p == 1 && policy == SyntheticSweep.Perf && r == 4)));

    [Fact]
    public async Task The_page_shows_the_hand_computed_table_values()
    {
        var html = await File.ReadAllTextAsync((await Report.Value).Page);
        Assert.Contains("44.000 ± 3.926", html); // flat, final share of 3G-A at point 0
        Assert.Contains("46.000 ± 4.390", html); // perf, same
        Assert.Contains("2.000 ± 0.878", html);  // perf − flat, paired
        Assert.Contains("2.300 ± 0.196", html);  // flat, mean consumer surplus
        Assert.Contains("5.000 ± 0.000", html);  // flat, mean churn-out rate of 3G-A
        Assert.Contains("2.000 ± 1.299", html);  // perf − flat at point 1: four pairs
        Assert.Contains("19 done, 1 missing", html);
        Assert.Contains("Missing runs: 1 of 20", html);
        Assert.Contains("p001-perf-r004", html);
        Assert.Contains("users.inertia = 1.5", html);
        Assert.Contains($"Business case: {SyntheticSweep.Perf} − {SyntheticSweep.Flat}, stakeholder by stakeholder", html);
        Assert.Contains($"Verdict ({SyntheticSweep.Perf} against {SyntheticSweep.Flat}):", html);
        Assert.Contains("<td>users</td>", html);
        Assert.Contains("<td>market</td>", html);
    }

    [Fact]
    public async Task Every_page_links_figures_inside_the_report_folder_and_fetches_nothing()
    {
        var report = await Report.Value;
        var pages = Directory.EnumerateFiles(report.Folder, "*.html", SearchOption.AllDirectories).ToList();
        Assert.Equal(3, pages.Count); // report.html and one page per point
        foreach (var page in pages)
        {
            var html = await File.ReadAllTextAsync(page);
            foreach (Match link in Regex.Matches(html, "(?:src|href)=\"([^\"#]*)\""))
            {
                // Every figure, table and page named resolves to a file of the report folder: nothing by address.
                var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, link.Groups[1].Value));
                Assert.StartsWith(report.Folder, target, StringComparison.Ordinal);
                Assert.True(File.Exists(target), $"{Path.GetFileName(page)} links {link.Groups[1].Value}, which is missing");
            }
            Assert.DoesNotContain("<script src", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("fetch(", html, StringComparison.Ordinal);
            Assert.DoesNotContain("XMLHttpRequest", html, StringComparison.Ordinal);
        }
        var main = await File.ReadAllTextAsync(report.Page);
        // Point figures are drawn once and linked from the main page (few points) and from the point's own page.
        var pointFigures = report.Files.Count(f => f.EndsWith(".png", StringComparison.Ordinal) && Path.GetFileName(f).StartsWith('p'));
        Assert.Equal(pointFigures, Regex.Matches(main, "<figure><img loading=\"lazy\" alt=\"[^\"]*\" src=\"p\\d{3}-").Count);
        Assert.DoesNotContain("data:image/png;base64", main, StringComparison.Ordinal);
        Assert.Contains("<a href=\"summary.parquet\">", main, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_from_the_files_is_html_escaped()
    {
        var html = await File.ReadAllTextAsync((await Report.Value).Page);
        Assert.Contains("crn &lt;b&gt;&amp;&lt;/b&gt; test", html);
        Assert.DoesNotContain("<b>&</b>", html);
    }

    [Fact]
    public async Task Each_point_gets_band_and_comparison_figures_as_png_and_svg_with_text()
    {
        var report = await Report.Value;
        // 2 points × (4 trajectory + 6 comparison figures) × (PNG + SVG), 16 statistics × 1 parameter × (levels,
        // difference) cross-point PNGs, 2 point pages, summary.parquet and .csv, and the page.
        Assert.Equal(2 * 10 * 2 + 16 * 2 + 2 + 2 + 1, report.Files.Count);
        Assert.All(report.Files, f => Assert.True(File.Exists(f), f));
        Assert.All(report.Files, f => Assert.StartsWith(report.Folder, f, StringComparison.Ordinal));
        var shares = await File.ReadAllTextAsync(Path.Combine(report.Folder, "p000-shares.svg"));
        Assert.Contains("<text", shares);
        Assert.Contains("3G-A · perf", shares);
        Assert.Contains(BandFill, shares);
        var comparison = await File.ReadAllTextAsync(Path.Combine(report.Folder, "p001-perf-vs-flat-surplus.svg"));
        Assert.Contains("<text", comparison);
        var welfare = await File.ReadAllTextAsync(Path.Combine(report.Folder, "p001-perf-vs-flat-welfare.svg"));
        Assert.All(new[] { "producer surplus", "consumer surplus (realised)", "welfare" }, word => Assert.Contains(word, welfare));
        Assert.Contains("3G-A", await File.ReadAllTextAsync(Path.Combine(report.Folder, "p000-perf-vs-flat-bills.svg")));
        Assert.Contains("3G-A", await File.ReadAllTextAsync(Path.Combine(report.Folder, "p000-perf-vs-flat-profit.svg")));
        var png = await File.ReadAllBytesAsync(Path.Combine(report.Folder, "p000-prices.png"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.Empty(Directory.EnumerateFiles(report.Folder, "*" + AtomicFile.TemporarySuffix));
    }

    [Fact]
    public async Task Devices_that_spread_get_an_adoption_figure_with_the_mean_across_replications()
    {
        var folder = await SyntheticSweep.WriteAsync(points: 1, replications: 3, adoption: true);
        var report = await SweepReport.WriteAsync(folder);
        Assert.True(report.Statistics.AdoptionVaries(0));
        // Replications 0..2 have 100 + 10 r + 25 t capable users of 1,000: the mean at month 2 is (150 + 160 + 170) / 3 / 10 %.
        var band = report.Statistics.AdoptionBand(0, "perf");
        Assert.Equal(SyntheticSweep.LastTick + 1, band.Count);
        Assert.Equal(Enumerable.Range(0, 3).Average(r => SyntheticSweep.Capable(r, 2, true)) / 10, band[2].Mean, 12);
        Assert.Equal(16.0, band[2].Mean, 12);
        Assert.Equal(3, band[2].N);
        var svg = await File.ReadAllTextAsync(Path.Combine(report.Folder, "p000-adoption.svg"));
        Assert.Contains("MPTCP-capable devices", svg);
        Assert.Contains("p000-adoption.png", await File.ReadAllTextAsync(report.Page));
    }

    [Fact]
    public async Task A_fixed_device_share_gets_no_adoption_figure()
    {
        var report = await Report.Value;
        Assert.False(report.Statistics.AdoptionVaries(0));
        Assert.Empty(Directory.EnumerateFiles(report.Folder, "*adoption*"));
    }

    [Fact]
    public async Task A_single_replication_gives_means_without_intervals()
    {
        var report = await SweepReport.WriteAsync(await SyntheticSweep.WriteAsync(points: 1, replications: 1));
        var html = await File.ReadAllTextAsync(report.Page);
        Assert.Contains("40.000 (n=1)", html);
        Assert.Contains("1.000 (n=1)", html);
        var cells = Regex.Matches(html, "<td>([^<]*)</td>").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(cells);
        Assert.DoesNotContain(cells, cell => cell.Contains('±', StringComparison.Ordinal));
        var shares = await File.ReadAllTextAsync(Path.Combine(report.Folder, "p000-shares.svg"));
        Assert.Contains("<text", shares);
        Assert.DoesNotContain(BandFill, shares);
    }

    [Fact]
    public async Task A_sweep_with_no_finished_run_is_a_clear_error_and_writes_nothing()
    {
        var folder = await SyntheticSweep.WriteAsync(points: 1, replications: 2, leavePlanned: (_, _, _) => true);
        var error = await Assert.ThrowsAsync<ConfigException>(() => SweepReport.WriteAsync(folder));
        Assert.Contains("no run is done", error.Message);
        Assert.Contains(SweepManifest.FileName, error.Message);
        Assert.False(Directory.Exists(Path.Combine(folder, SweepReport.FolderName)));
    }

    [Fact]
    public async Task A_folder_that_is_not_a_sweep_is_named_in_the_error()
    {
        var folder = TestFiles.NewFolder();
        var error = await Assert.ThrowsAsync<ConfigException>(() => SweepReport.WriteAsync(folder));
        Assert.Contains(folder, error.Message);
        Assert.Contains("no sweep manifest", error.Message);
    }

    [Fact]
    public async Task Runs_not_finished_are_listed_and_the_rest_drawn()
    {
        var report = await SweepReport.WriteAsync(await SyntheticSweep.WriteAsync(points: 2, replications: 2,
            leavePlanned: (p, policy, r) => p == 1 && (policy == SyntheticSweep.Perf || r == 1)));
        Assert.Equal(["p001-flat-r001", "p001-perf-r000", "p001-perf-r001"], report.Statistics.MissingRuns);
        Assert.Equal(5, report.Statistics.DoneRuns);
        var html = await File.ReadAllTextAsync(report.Page);
        Assert.Contains("Missing runs: 3 of 8 are not drawn", html);
        Assert.Contains("p001-perf-r000", html);
        Assert.True(File.Exists(Path.Combine(report.Folder, "p001-shares.png")));
    }

    [Fact]
    public async Task Runs_a_sweep_under_way_logged_since_its_last_snapshot_are_drawn()
    {
        // The sweep wrote p000-perf-r001's file and its runs.log line, but sweep.json still says planned.
        var folder = await SyntheticSweep.WriteAsync(points: 1, replications: 2);
        var manifest = SweepManifest.Read(folder);
        var run = manifest.Runs.Single(r => r.RunId == "p000-perf-r001");
        var hash = FileHash.Of(Path.Combine(folder, run.File));
        await (manifest with { Runs = manifest.Runs.Select(r => r == run ? r with { Status = SweepManifest.Planned } : r).ToList() }).WriteAsync(folder);
        using (var ledger = SweepLedger.Open(folder)) ledger.Append(new RunRecord(run.RunId, hash));
        var stats = await SweepStatistics.LoadAsync(folder);
        Assert.Equal(4, stats.DoneRuns);
        Assert.Empty(stats.MissingRuns);
        // A logged line whose file does not match is not trusted: the run counts as missing.
        await File.WriteAllBytesAsync(Path.Combine(folder, run.File), [1, 2, 3]);
        stats = await SweepStatistics.LoadAsync(folder);
        Assert.Equal(["p000-perf-r001"], stats.MissingRuns);
    }

    [Fact]
    public async Task A_run_marked_done_without_its_file_is_named_in_the_error()
    {
        var folder = await SyntheticSweep.WriteAsync(points: 1, replications: 2);
        File.Delete(Path.Combine(folder, SweepManifest.RunsFolder, "p000-perf-r001.parquet"));
        var error = await Assert.ThrowsAsync<ConfigException>(() => SweepReport.WriteAsync(folder));
        Assert.Contains("p000-perf-r001", error.Message);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
