using MarketSim.Agents.Running;

namespace MarketSim.Cluster;

/// <summary>
/// A worker node: joins the cluster through the coordinator at a seed address, makes runs for it
/// <c>workers</c> at a time on one actor system sized to <c>workers</c> threads, and
/// returns when the coordinator's session is finished or the coordinator is gone (one session per node process: a
/// sweep, a game's rounds, or a calibration's evaluations).
/// </summary>
public static class ClusterNode
{
    /// <summary>How long a node tries to reach its coordinator before it gives up (exit 1).</summary>
    public static readonly TimeSpan DefaultJoinTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs the node until its session ends; listens on <paramref name="bindHost"/>:<paramref name="port"/> (0 = any free port).</summary>
    public static async Task<NodeExit> RunAsync(ClusterAddress seed, string bindHost, int port, int workers, TextWriter log,
        CancellationToken cancellation = default, ClusterSecret? secret = null, TimeSpan? joinTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentNullException.ThrowIfNull(log);
        var scratch = Path.Combine(Path.GetTempPath(), "marketsim-node", $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(scratch);
        var system = MarketActorSystem.Create(workers, ClusterConfig.SystemName, ClusterConfig.Worker(seed, bindHost, port));
        try
        {
            var completion = new TaskCompletionSource<NodeExit>(TaskCreationOptions.RunContinuationsAsynchronously);
            system.ActorOf(SweepWorkerActor.Props(seed, workers, scratch, log, completion, secret ?? ClusterSecret.None, joinTimeout ?? DefaultJoinTimeout), ClusterConfig.WorkerName);
            log.WriteLine($"node: joining the cluster at {seed} (this node listens on {bindHost}:{(port == 0 ? "any free port" : port)})");
            // The system also ends on its own if this node is downed (e.g. the coordinator crashed).
            var removed = system.WhenTerminated.ContinueWith(_ => new NodeExit(false, "this node was removed from the cluster"),
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            var finished = await Task.WhenAny(completion.Task, removed).WaitAsync(cancellation).ConfigureAwait(false);
            return await finished.ConfigureAwait(false);
        }
        finally
        {
            await ClusterShutdown.LeaveAsync(system).ConfigureAwait(false);
            try
            {
                Directory.Delete(scratch, recursive: true);
            }
            catch (IOException)
            {
                // Scratch files of cancelled runs may still be closing; the OS temp cleaner takes them.
            }
        }
    }
}
