using Akka.Actor;
using MarketSim.Agents.Recording;
using MarketSim.Agents.Running;
using MarketSim.Experiments.Config;
using MarketSim.Experiments.Output;

namespace MarketSim.Experiments.Running;

/// <summary>What one executed run produced.</summary>
/// <param name="Summary">The market runner's summary (timings, equilibrium check).</param>
/// <param name="Rows">The run's per-month rows, kept in memory for whatever the caller writes next.</param>
/// <param name="MetricsFile">The market-metrics Parquet file written.</param>
/// <param name="UsersFile">The published per-user file, null when the run wrote none.</param>
/// <param name="UserRows">Rows in the per-user file, 0 without one.</param>
public sealed record ExecutedRun(RunSummary Summary, MemorySink Rows, string MetricsFile, string? UsersFile, long UserRows);

/// <summary>
/// The one run flow shared by single runs (<see cref="ExperimentRunner"/>), sweeps, calibrations and cluster nodes:
/// the market runs on the given actor system, per-user rows (when a file is given) stream to a temporary file published
/// once the run finished, then the market-metrics table is written. Everything a run's bytes depend on happens here,
/// so a run file is the same whichever of them made it; callers only choose where the files go and what else to write.
/// </summary>
public static class RunExecutor
{
    /// <summary>Runs <paramref name="config"/> as <paramref name="identity"/> (whose seed it uses) and writes its files.</summary>
    /// <param name="system">The actor system to run on (shared by the runs of a sweep).</param>
    /// <param name="config">The validated experiment.</param>
    /// <param name="identity">Who the run is: its id and coordinates name its rows, its seed drives the run.</param>
    /// <param name="metricsFile">Where the market-metrics table goes.</param>
    /// <param name="usersFile">Where per-user rows go, null for none (published before the metrics file is written, so a
    /// finished metrics file always has its per-user file).</param>
    /// <param name="cancellation">Stops the run.</param>
    public static async Task<ExecutedRun> ExecuteAsync(ActorSystem system, ExperimentConfig config, RunIdentity identity, string metricsFile,
        string? usersFile, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(identity);
        var sink = new MemorySink();
        await using var users = usersFile is null
            ? null
            : await UserMetricsFile.CreateAsync(usersFile, identity.RunId, config.Market).ConfigureAwait(false);
        var summary = await MarketRunner.RunAsync(system, config.Market, identity.Seed, config.BlockSize, sink, users, cancellation).ConfigureAwait(false);
        var publishedUsers = users?.Publish();
        await MarketMetricsTable.WriteAsync(metricsFile, identity, config.Market.Providers, sink).ConfigureAwait(false);
        return new ExecutedRun(summary, sink, metricsFile, publishedUsers, users?.Rows ?? 0);
    }
}
