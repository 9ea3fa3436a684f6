using MarketSim.Experiments.Sweeps;
using MarketSim.Reports.Results;

namespace MarketSim.Experiments.Games;

/// <summary>What a finished game measured.</summary>
/// <param name="Plan">The game.</param>
/// <param name="Payoffs">Payoffs of every profile run.</param>
/// <param name="Summaries">Each profile's runs, replication order.</param>
/// <param name="Reference">The reference market's runs (empty without one).</param>
/// <param name="RunsMadeNow">Runs made by this invocation (the rest were found done by --resume).</param>
public sealed record GameResult(GamePlan Plan, EmpiricalPayoffs Payoffs, IReadOnlyDictionary<int, IReadOnlyList<RunSummary>> Summaries,
    IReadOnlyList<RunSummary> Reference, int RunsMadeNow);

/// <summary>
/// Runs a game through the sweep machinery: each batch of profiles is a sweep (one policy per profile, common random
/// numbers, one Parquet file per run, atomic writes, resume), run by <c>runSweep</c> (the single-process runner or a
/// cluster coordinator). Exhaustive games are one batch; deviation search asks <see cref="DeviationSearch"/> for the
/// next profiles after each batch. Each batch's sweep lists every profile requested so far, so `sweep.json` always
/// shows the whole game and later batches keep earlier files; the first batch starts over unless resuming.
/// </summary>
public static class GameRunner
{
    /// <summary>Runs <paramref name="plan"/> into <paramref name="folder"/>.</summary>
    public static async Task<GameResult> RunAsync(GamePlan plan, string folder,
        Func<SweepPlan, bool, Task<SweepResult>> runSweep, bool resume, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(runSweep);
        var payoffs = new EmpiricalPayoffs(plan.Space, plan.Replications);
        var summaries = new Dictionary<int, IReadOnlyList<RunSummary>>();
        var requested = new SortedSet<int>();
        var made = 0;
        var first = true;
        while (true)
        {
            var next = plan.Search == GameSearch.Exhaustive
                ? (first ? Enumerable.Range(0, plan.Space.Count).ToList() : [])
                : DeviationSearch.Next(payoffs);
            if (next.Count == 0) break;
            requested.UnionWith(next);
            var result = await runSweep(plan.AsSweep(requested, withReference: true), resume || !first).ConfigureAwait(false);
            made += result.RanNow;
            first = false;
            foreach (var profile in next)
            {
                var runs = new List<RunSummary>();
                foreach (var run in plan.ProfileRuns[profile]) runs.Add(await SummaryAsync(plan, folder, run, cancellation).ConfigureAwait(false));
                summaries[profile] = runs;
                payoffs.Add(profile, Enumerable.Range(0, plan.Players.Count).Select(i => (IReadOnlyList<double>)runs.Select(r => r.Payoffs[i]).ToList()).ToList());
            }
        }
        var reference = new List<RunSummary>();
        foreach (var run in plan.ReferenceRuns) reference.Add(await SummaryAsync(plan, folder, run, cancellation).ConfigureAwait(false));
        return new GameResult(plan, payoffs, summaries, reference, made);
    }

    private static async Task<RunSummary> SummaryAsync(GamePlan plan, string folder, PlannedRun run, CancellationToken ct)
    {
        var file = await GameRunFile.ReadAsync(SweepRunner.RunFile(Path.Combine(folder, SweepManifest.RunsFolder), run), ct).ConfigureAwait(false);
        return RunSummary.Of(file, plan);
    }
}
