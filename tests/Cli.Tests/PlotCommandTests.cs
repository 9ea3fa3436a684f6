using MarketSim.Reports.Results;

namespace MarketSim.Cli.Tests;

public class PlotCommandTests
{
    [Fact]
    public async Task Plot_on_a_partly_failed_sweep_names_the_missing_runs_and_draws_the_rest()
    {
        var folder = CliProcess.NewFolder();
        var file = Path.Combine(folder, "sweep.yaml");
        File.WriteAllText(file, CliProcess.TinySweep(ticks: 2, replications: 1));
        Assert.Equal(0, CliProcess.Run(folder, "sweep", file, "--out", "s", "--workers", "1").ExitCode);
        // As a sweep leaves a run that failed: no file, no runs.log line, still "planned" in sweep.json.
        var sweep = Path.Combine(folder, "s");
        var manifest = SweepManifest.Read(sweep);
        var failed = manifest.Runs.Single(r => r.Point == 1 && r.Policy == "performance");
        File.Delete(Path.Combine(sweep, failed.File));
        File.WriteAllLines(Path.Combine(sweep, SweepLedger.FileName),
            File.ReadAllLines(Path.Combine(sweep, SweepLedger.FileName)).Where(l => !l.Contains(failed.RunId, StringComparison.Ordinal)));
        await manifest.With(failed.RunId).WriteAsync(sweep);

        var result = CliProcess.Run(folder, "plot", "s");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"missing:  1 of {manifest.Runs.Count} runs not finished", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(failed.RunId, result.Stderr, StringComparison.Ordinal);
        var page = File.ReadAllText(Path.Combine(sweep, "report", "report.html"));
        Assert.Contains($"Missing runs: 1 of {manifest.Runs.Count}", page, StringComparison.Ordinal);
        // The rest is drawn: point 1's reference run still has its figures, summary rows and page.
        Assert.True(File.Exists(Path.Combine(sweep, "report", "p001-shares.png")));
        Assert.True(File.Exists(Path.Combine(sweep, "report", "points", "p001.html")));
        Assert.Contains(",flat,level,", File.ReadAllText(Path.Combine(sweep, "report", "summary.csv")), StringComparison.Ordinal);
    }
}

internal static class ManifestEdits
{
    /// <summary>The manifest with one run back to planned (as a failed run is left).</summary>
    public static SweepManifest With(this SweepManifest manifest, string plannedRun) => manifest with
    {
        Runs = manifest.Runs.Select(r => r.RunId == plannedRun ? r with { Status = SweepManifest.Planned, Sha256 = null } : r).ToList(),
    };
}
