using Akka.Actor;
using MarketSim.Agents.Running;
using MarketSim.Experiments.Config;
using MarketSim.Experiments.Sweeps;

namespace MarketSim.Experiments.Cluster;

/// <summary>
/// Runs a sweep across an Akka.Cluster: this process is the coordinator and the cluster's seed node; worker
/// nodes (`marketsim node --seed-node ADDR`) pull runs from it, and their files are written here, in the same
/// folder layout and with the same bytes as a single-process <see cref="SweepRunner"/> sweep. The coordinator
/// makes no runs itself. Runs of a lost worker are handed to the others; a late duplicate result is ignored.
/// Per-user output is refused: results travel as whole byte arrays through the coordinator's memory, which suits
/// run files (kilobytes) but not per-user files (users × months rows, hundreds of megabytes).
/// </summary>
public static class ClusterSweep
{
    /// <summary>Runs <paramref name="plan"/> into <paramref name="folder"/>, listening on
    /// <paramref name="bindHost"/> at <paramref name="address"/>'s port and advertising <paramref name="address"/>.
    /// Waits for workers as long as it takes; cancel to give up (finished runs stay, `--resume` continues).</summary>
    public static async Task<SweepResult> RunAsync(SweepPlan plan, string folder, bool resume, ClusterAddress address, string bindHost,
        ISweepProgress progress, TextWriter log, CancellationToken cancellation = default, ClusterSecret? secret = null)
    {
        secret ??= ClusterSecret.None;
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(log);
        RejectPerUserOutput(plan);
        // The port first: a coordinator that cannot listen must fail before it touches the folder.
        var system = Start(address, bindHost);
        SweepLedger? ledger = null;
        Dictionary<string, RunRecord>? recorded = null;
        try
        {
            var start = SweepFolder.Prepare(plan, folder, resume);
            foreach (string note in start.Notes) progress.Note(note);
            recorded = new Dictionary<string, RunRecord>(start.Done, StringComparer.Ordinal);
            await SweepManifest.From(plan, recorded).WriteAsync(folder).ConfigureAwait(false);
            progress.Started(plan.Runs.Count, start.Done.Count);
            if (start.Done.Count == plan.Runs.Count) return new SweepResult(folder, plan.Runs.Count, 0, start.Done.Count);
            ledger = SweepLedger.Open(folder);
            var completion = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            system.ActorOf(SweepCoordinatorActor.Props(plan, folder, recorded, ledger, progress, log, completion, secret), ClusterConfig.CoordinatorName);
            log.WriteLine($"cluster: coordinator listening on {bindHost}:{address.Port} as {address}; " +
                $"add workers with: marketsim node --seed-node {address}");
            int written = await completion.Task.WaitAsync(cancellation).ConfigureAwait(false);
            return new SweepResult(folder, plan.Runs.Count, written, start.Done.Count);
        }
        finally
        {
            await ClusterShutdown.LeaveAsync(system).ConfigureAwait(false);
            if (ledger is not null && recorded is not null)
            {
                ledger.Dispose();
                SweepManifest snapshot;
                lock (recorded) snapshot = SweepManifest.From(plan, recorded);
                await snapshot.WriteAsync(folder).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Fails before anything is written when a run of the plan asks for per-user output.</summary>
    private static void RejectPerUserOutput(SweepPlan plan)
    {
        if (!plan.Runs.Any(r => r.Config.PerUserOutput)) return;
        var key = YamlFile.Parse(plan.File, plan.SourceText).Node("per_user_output");
        throw new ConfigException(plan.File, key is null ? 0 : (int)key.Start.Line, "per_user_output",
            "per-user output is not available in cluster sweeps (each run's users would travel whole through the coordinator's memory); "
            + "accepted with --cluster: false; or run the sweep without --cluster");
    }

    private static ActorSystem Start(ClusterAddress address, string bindHost)
    {
        try
        {
            return MarketActorSystem.Create(2, ClusterConfig.SystemName, ClusterConfig.Coordinator(address, bindHost));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var inner = e.GetBaseException();
            throw new ConfigException("command line", 0, "--cluster",
                $"cannot listen on {bindHost}:{address.Port} ({inner.Message}); is another coordinator using the port?");
        }
    }
}
