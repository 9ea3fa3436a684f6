using MarketSim.Experiments.Config;
using MarketSim.Experiments.Sweeps;
using MarketSim.Reports.Results;

namespace MarketSim.Cluster;

/// <summary>
/// Runs a sweep across an Akka.Cluster as one batch of a <see cref="ClusterSession"/>: worker nodes pull its runs, and
/// their files are written here, in the same folder layout and with the same bytes as a single-process
/// <see cref="SweepRunner"/> sweep. Runs of a lost worker are handed to the others; a late duplicate result is ignored.
/// Per-user output is refused: results travel as whole byte arrays through the coordinator's memory, which suits
/// run files (kilobytes) but not per-user files (users × months rows, hundreds of megabytes).
/// </summary>
public static class ClusterSweep
{
    /// <summary>Runs <paramref name="plan"/> into <paramref name="folder"/> on a session of its own, listening on
    /// <paramref name="bindHost"/> at <paramref name="address"/>'s port and advertising <paramref name="address"/>.
    /// Waits for workers as long as it takes; cancel to give up (finished runs stay, `--resume` continues).</summary>
    public static async Task<SweepResult> RunAsync(SweepPlan plan, string folder, bool resume, ClusterAddress address, string bindHost,
        ISweepProgress progress, TextWriter log, CancellationToken cancellation = default, ClusterSecret? secret = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        RejectPerUserOutput(plan);
        // The port first: a coordinator that cannot listen must fail before it touches the folder.
        var session = ClusterSession.Start(address, bindHost, log, secret);
        await using (session.ConfigureAwait(false))
        {
            return await RunAsync(session, plan, folder, resume, progress, cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>Runs <paramref name="plan"/> into <paramref name="folder"/> as the next batch of <paramref name="session"/>
    /// (a game's rounds are successive sweeps of one session).</summary>
    public static async Task<SweepResult> RunAsync(ClusterSession session, SweepPlan plan, string folder, bool resume,
        ISweepProgress progress, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(progress);
        RejectPerUserOutput(plan);
        var start = SweepFolder.Prepare(plan, folder, resume);
        foreach (var note in start.Notes) progress.Note(note);
        var recorded = new Dictionary<string, RunRecord>(start.Done, StringComparer.Ordinal);
        await plan.Manifest(recorded).WriteAsync(folder).ConfigureAwait(false);
        progress.Started(plan.Runs.Count, start.Done.Count);
        if (start.Done.Count == plan.Runs.Count) return new SweepResult(folder, plan.Runs.Count, 0, start.Done.Count);

        var runsFolder = Path.Combine(folder, SweepManifest.RunsFolder);
        var runsById = plan.Runs.ToDictionary(r => r.RunId, StringComparer.Ordinal);
        var sinceSnapshot = System.Diagnostics.Stopwatch.StartNew();
        var ledger = SweepLedger.Open(folder);
        async Task AcceptAsync(string runId, byte[] file)
        {
            await AtomicFile.WriteAsync(SweepRunner.RunFile(runsFolder, runsById[runId]), s => s.WriteAsync(file).AsTask()).ConfigureAwait(false);
            // The hash is the coordinator's own, of the bytes it wrote: what --resume checks the file against.
            var record = new RunRecord(runId, FileHash.Of(file));
            ledger.Append(record);
            int done;
            lock (recorded)
            {
                recorded[runId] = record;
                done = recorded.Count;
            }
            if (sinceSnapshot.Elapsed >= SweepRunner.SnapshotInterval)
            {
                SweepManifest snapshot;
                lock (recorded) snapshot = plan.Manifest(recorded);
                await snapshot.WriteAsync(folder).ConfigureAwait(false);
                sinceSnapshot.Restart();
            }
            progress.RunFinished(runId, done, plan.Runs.Count);
        }
        try
        {
            var batch = new ClusterBatch(plan.File, plan.SourceText, "", plan.Runs.Select(r => r.RunId).ToList(), start.Done.Keys.ToList(), AcceptAsync);
            var written = await session.RunBatchAsync(batch, cancellation).ConfigureAwait(false);
            return new SweepResult(folder, plan.Runs.Count, written, start.Done.Count);
        }
        finally
        {
            ledger.Dispose();
            SweepManifest snapshot;
            lock (recorded) snapshot = plan.Manifest(recorded);
            await snapshot.WriteAsync(folder).ConfigureAwait(false);
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
}
