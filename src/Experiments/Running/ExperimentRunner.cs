using MarketSim.Agents.Recording;
using MarketSim.Agents.Running;
using MarketSim.Experiments.Config;
using MarketSim.Experiments.Output;
using MarketSim.Reports.Plots;

namespace MarketSim.Experiments.Running;

/// <summary>Where a finished run's files are; <paramref name="UsersFile"/> is null unless the run wrote per-user output.</summary>
public sealed record RunOutput(string Folder, string MetricsFile, string ManifestFile, IReadOnlyList<string> PlotFiles, RunSummary Summary, MemorySink Rows,
    string? UsersFile = null, long UserRows = 0);

/// <summary>Runs one experiment end to end: actors -> rows -> Parquet, plots and manifest, written only after the run
/// succeeded (the run itself is <see cref="RunExecutor"/>'s, as in sweeps). Per-user rows (when asked for) are streamed
/// during the run to a temporary file, renamed only then.</summary>
public static class ExperimentRunner
{
    /// <summary>The run id used in rows and file names: the experiment name and the seed, nothing time-dependent.</summary>
    public static string RunId(ExperimentConfig config) => $"{config.Market.Name}-seed{config.Seed}";

    /// <summary>Runs on a fresh actor system with <paramref name="workers"/> threads.</summary>
    public static async Task<RunOutput> RunAsync(ExperimentConfig config, string outputFolder, int workers, CancellationToken cancellation = default)
    {
        using var system = MarketActorSystem.Create(workers);
        try
        {
            return await RunAsync(system, config, outputFolder, workers, cancellation).ConfigureAwait(false);
        }
        finally
        {
            await system.Terminate().ConfigureAwait(false);
        }
    }

    /// <summary>Runs on an existing actor system (sweeps share one).</summary>
    public static async Task<RunOutput> RunAsync(Akka.Actor.ActorSystem system, ExperimentConfig config, string outputFolder, int workers,
        CancellationToken cancellation = default)
    {
        var started = DateTimeOffset.UtcNow;
        // Everything goes to a staging folder first and is published as one set (RunPublisher), so a run killed while
        // writing leaves the previous run's complete files, never a mix of two runs.
        var publisher = RunPublisher.Begin(outputFolder);
        var staging = publisher.Staging;
        var runId = RunId(config);
        var identity = new RunIdentity(runId, config.Seed, 0, "base", 0);
        var run = await RunExecutor.ExecuteAsync(system, config, identity, Path.Combine(staging, MarketMetricsTable.FileName),
            config.PerUserOutput ? Path.Combine(staging, UserMetricsTable.FileName) : null, cancellation).ConfigureAwait(false);
        var (summary, sink) = (run.Summary, run.Rows);
        await SegmentMetricsTable.WriteAsync(Path.Combine(staging, SegmentMetricsTable.FileName), identity, sink).ConfigureAwait(false);
        IReadOnlyList<string> plots = [
            .. await RunPlots.WriteAsync(Path.Combine(staging, "plots"), config.Market.Name, config.Market.Providers, sink.Rows).ConfigureAwait(false),
            .. await AdoptionPlot.WriteAsync(Path.Combine(staging, "plots"), config.Market.Name, config.Market.Population, sink.Market).ConfigureAwait(false),
        ];
        if (summary.Equilibrium is { } check)
        {
            var lastFees = sink.Rows.Where(r => r.Tick == config.Market.Ticks).OrderBy(r => r.Provider).Select(r => r.Price).ToArray();
            await EquilibriumFile.WriteAsync(Path.Combine(staging, EquilibriumFile.FileName),
                EquilibriumFile.Describe(check, summary.NashResidual, config.Market.Providers, lastFees)).ConfigureAwait(false);
        }
        var rowCounts = new Dictionary<string, long>
        {
            [MarketMetricsTable.FileName] = sink.Rows.Count,
            [SegmentMetricsTable.FileName] = SegmentMetricsTable.RowCount(sink),
        };
        if (run.UsersFile is not null) rowCounts[UserMetricsTable.FileName] = run.UserRows;
        string[] dataFiles = run.UsersFile is null
            ? [MarketMetricsTable.FileName, SegmentMetricsTable.FileName]
            : [MarketMetricsTable.FileName, SegmentMetricsTable.FileName, UserMetricsTable.FileName];
        if (summary.Equilibrium is not null) dataFiles = [.. dataFiles, EquilibriumFile.FileName];
        var manifest = new RunManifest(config.Market.Name, config.File, config.SourceText, runId, config.Seed, workers,
            RunManifest.SoftwareVersion, started, DateTimeOffset.UtcNow, rowCounts,
            [.. dataFiles, .. plots.Select(p => Path.GetRelativePath(staging, p))]);
        await publisher.CommitAsync(manifest).ConfigureAwait(false);
        string Final(string name) => Path.Combine(outputFolder, name);
        return new RunOutput(outputFolder, Final(MarketMetricsTable.FileName), Final(RunManifest.FileName),
            plots.Select(p => Final(Path.GetRelativePath(staging, p))).ToList(), summary, sink,
            run.UsersFile is null ? null : Final(UserMetricsTable.FileName), run.UserRows);
    }
}
