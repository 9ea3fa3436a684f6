using Akka.Actor;
using MarketSim.Agents.Running;
using MarketSim.Experiments.Output;
using MarketSim.Experiments.Sweeps;

namespace MarketSim.Experiments.Cluster;

/// <summary>
/// Makes one planned run on a worker node and returns its Parquet file's bytes. It makes the very calls the
/// single-process <see cref="SweepRunner"/> makes (same market runner, same table writer), only into a scratch
/// file, so the bytes the coordinator writes equal a local run's.
/// </summary>
internal static class NodeRun
{
    /// <summary>Runs <paramref name="run"/> on <paramref name="system"/>; the scratch file is removed afterwards.</summary>
    public static async Task<byte[]> RunAsync(ActorSystem system, PlannedRun run, string scratchFolder, CancellationToken cancellation)
    {
        var sink = new MemorySink();
        await MarketRunner.RunAsync(system, run.Config.Market, run.Seed, run.Config.BlockSize, sink, cancellation).ConfigureAwait(false);
        var identity = new RunIdentity(run.RunId, run.Seed, run.Point, run.Policy, run.Replication);
        var path = Path.Combine(scratchFolder, $"{run.RunId}.{Guid.NewGuid():N}.parquet");
        try
        {
            await MarketMetricsTable.WriteAsync(path, identity, run.Config.Market.Providers, sink).ConfigureAwait(false);
            return await File.ReadAllBytesAsync(path, cancellation).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
