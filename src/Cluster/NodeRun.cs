using Akka.Actor;
using MarketSim.Experiments.Running;
using MarketSim.Experiments.Sweeps;

namespace MarketSim.Cluster;

/// <summary>
/// Makes one planned run on a worker node and returns its Parquet file's bytes. The run is the
/// <see cref="RunExecutor"/>'s, as in a single-process <see cref="SweepRunner"/>, only into a scratch file, so the
/// bytes the coordinator writes equal a local run's (a cluster refuses per-user output).
/// </summary>
internal static class NodeRun
{
    /// <summary>Runs <paramref name="run"/> on <paramref name="system"/>; the scratch file is removed afterwards.</summary>
    public static async Task<byte[]> RunAsync(ActorSystem system, PlannedRun run, string scratchFolder, CancellationToken cancellation)
    {
        var path = Path.Combine(scratchFolder, $"{run.RunId}.{Guid.NewGuid():N}.parquet");
        try
        {
            await RunExecutor.ExecuteAsync(system, run.Config, run.Identity(), path, usersFile: null, cancellation).ConfigureAwait(false);
            return await File.ReadAllBytesAsync(path, cancellation).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
