namespace MarketSim.Cluster;

/// <summary>
/// One batch of runs handed to a <see cref="ClusterSession"/>: what the workers re-plan (file text and, for a
/// calibration, the evaluation's values), which runs to make, and what to do with each run's file when it arrives.
/// </summary>
/// <param name="File">The file's path as named on this machine (used in messages only).</param>
/// <param name="PlanText">The file's full text, from which every worker plans the same runs.</param>
/// <param name="Values">Empty for a sweep or game; a calibration's values (<see cref="Experiments.Calibration.CalibrationRuns.ValuesText"/>).</param>
/// <param name="RunIds">The runs to make, in plan order (the order workers are given them).</param>
/// <param name="AlreadyDone">Runs of <paramref name="RunIds"/> already made (found by a resumed sweep); not handed out.</param>
/// <param name="AcceptAsync">Called once per run, with its checked file, on the coordinator, one call at a time; a
/// throw fails the batch.</param>
public sealed record ClusterBatch(string File, string PlanText, string Values, IReadOnlyList<string> RunIds, IReadOnlyCollection<string> AlreadyDone,
    Func<string, byte[], Task> AcceptAsync);
