using Akka.Actor;
using MarketSim.Agents.Running;
using MarketSim.Experiments.Running;
using MarketSim.Reports.Results;

namespace MarketSim.Experiments.Sweeps;

/// <summary>What a finished sweep did.</summary>
public sealed record SweepResult(string Folder, int Planned, int RanNow, int SkippedAsDone);

/// <summary>
/// Runs every planned run of a sweep on one shared actor system, several at a time, each writing its own
/// Parquet file atomically; each finished run is appended to runs.log with its files' SHA-256 and sweep.json is
/// rewritten now and then. A run counts as done exactly when its file matches the recorded hash, so `--resume` after
/// a crash skips done runs and re-runs the rest (a truncated or changed file included),
/// and the final files equal an uninterrupted sweep's (each run depends only on its own seed and parameters).
/// Memory is bounded by the runs in flight: rows are written and dropped as each run ends. A run with per-user
/// output streams its users to user_metrics/&lt;run id&gt;.parquet as it goes and publishes that file just before its
/// run file, so a done run always has its per-user file.
/// </summary>
public static class SweepRunner
{
    /// <summary>How often sweep.json (the snapshot) is rewritten while runs finish; each run is in runs.log at once.</summary>
    public static readonly TimeSpan SnapshotInterval = TimeSpan.FromSeconds(2);

    /// <summary>Runs the sweep into <paramref name="folder"/>.</summary>
    public static async Task<SweepResult> RunAsync(SweepPlan plan, string folder, int workers, bool resume, ISweepProgress progress,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(progress);
        var start = SweepFolder.Prepare(plan, folder, resume);
        foreach (var note in start.Notes) progress.Note(note);
        var recorded = new Dictionary<string, RunRecord>(start.Done, StringComparer.Ordinal);
        await plan.Manifest(recorded).WriteAsync(folder).ConfigureAwait(false);
        var pending = plan.Runs.Where(r => !recorded.ContainsKey(r.RunId)).ToList();
        var done = plan.Runs.Count - pending.Count;
        progress.Started(plan.Runs.Count, done);

        using var ledger = SweepLedger.Open(folder);
        using var system = MarketActorSystem.Create(workers, "marketsim-sweep");
        var manifestLock = new SemaphoreSlim(1, 1);
        var sinceSnapshot = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellation },
                async (run, ct) =>
                {
                    var record = await RunOneAsync(system, run, folder, ct).ConfigureAwait(false);
                    await manifestLock.WaitAsync(ct).ConfigureAwait(false);
                    try
                    {
                        ledger.Append(record);
                        recorded[run.RunId] = record;
                        done++;
                        if (sinceSnapshot.Elapsed >= SnapshotInterval)
                        {
                            await plan.Manifest(recorded).WriteAsync(folder).ConfigureAwait(false);
                            sinceSnapshot.Restart();
                        }
                        progress.RunFinished(run.RunId, done, plan.Runs.Count);
                    }
                    finally
                    {
                        manifestLock.Release();
                    }
                }).ConfigureAwait(false);
        }
        finally
        {
            await manifestLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            await plan.Manifest(recorded).WriteAsync(folder).ConfigureAwait(false);
            await system.Terminate().ConfigureAwait(false);
        }
        return new SweepResult(folder, plan.Runs.Count, pending.Count, plan.Runs.Count - pending.Count);
    }

    /// <summary>The final path of a run's Parquet file.</summary>
    public static string RunFile(string runsFolder, PlannedRun run) => Path.Combine(runsFolder, run.RunId + ".parquet");

    /// <summary>The final path of a run's per-user Parquet file, given the sweep's results folder.</summary>
    public static string UsersFile(string folder, PlannedRun run) => Path.Combine(folder, SweepManifest.UsersFolder, run.RunId + ".parquet");

    private static async Task<RunRecord> RunOneAsync(ActorSystem system, PlannedRun run, string folder, CancellationToken cancellation)
    {
        var done = await RunExecutor.ExecuteAsync(system, run.Config, run.Identity(), RunFile(Path.Combine(folder, SweepManifest.RunsFolder), run),
            run.Config.PerUserOutput ? UsersFile(folder, run) : null, cancellation).ConfigureAwait(false);
        return new RunRecord(run.RunId, FileHash.Of(done.MetricsFile), done.UsersFile is null ? null : FileHash.Of(done.UsersFile));
    }
}
