using MarketSim.Agents.Running;
using MarketSim.Experiments.Config;
using MarketSim.Experiments.Output;
using MarketSim.Experiments.Plots;

namespace MarketSim.Experiments.Running;

/// <summary>Where a finished run's files are.</summary>
public sealed record RunOutput(string Folder, string MetricsFile, string ManifestFile, IReadOnlyList<string> PlotFiles, RunSummary Summary, MemorySink Rows);

/// <summary>Runs one experiment end to end: actors -> rows -> Parquet, plots and manifest, written only after the run succeeded.</summary>
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
        var sink = new MemorySink();
        var summary = await MarketRunner.RunAsync(system, config.Market, config.Seed, config.BlockSize, sink, cancellation).ConfigureAwait(false);
        string runId = RunId(config);
        string metrics = Path.Combine(outputFolder, MarketMetricsTable.FileName);
        var identity = new RunIdentity(runId, config.Seed, 0, "base", 0);
        await MarketMetricsTable.WriteAsync(metrics, identity, config.Market.Providers, sink).ConfigureAwait(false);
        await SegmentMetricsTable.WriteAsync(Path.Combine(outputFolder, SegmentMetricsTable.FileName), identity, sink).ConfigureAwait(false);
        var plots = await RunPlots.WriteAsync(Path.Combine(outputFolder, "plots"), config.Market.Name, config.Market.Providers, sink.Rows).ConfigureAwait(false);
        string manifestPath = Path.Combine(outputFolder, RunManifest.FileName);
        var manifest = new RunManifest(config.Market.Name, config.File, config.SourceText, runId, config.Seed, workers,
            RunManifest.SoftwareVersion, started, DateTimeOffset.UtcNow,
            new Dictionary<string, long> { [MarketMetricsTable.FileName] = sink.Rows.Count, [SegmentMetricsTable.FileName] = SegmentMetricsTable.RowCount(sink) },
            [MarketMetricsTable.FileName, SegmentMetricsTable.FileName, .. plots.Select(p => Path.GetRelativePath(outputFolder, p))]);
        await manifest.WriteAsync(manifestPath).ConfigureAwait(false);
        return new RunOutput(outputFolder, metrics, manifestPath, plots, summary, sink);
    }
}
