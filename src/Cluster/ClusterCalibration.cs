using MarketSim.Experiments.Calibration;

namespace MarketSim.Cluster;

/// <summary>
/// A calibration's evaluations on a cluster: each evaluation's replications are one batch of the session; the workers
/// re-read the calibration file and plan the runs at the evaluation's values (<see cref="CalibrationRuns.Plan"/>), so
/// they make the same files as the calibrating process would, and the search, trace and fit are the same bytes.
/// </summary>
public static class ClusterCalibration
{
    /// <summary>Makes each evaluation's runs on <paramref name="session"/>'s workers.</summary>
    public static EvaluationRunMaker On(ClusterSession session, CalibrationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(spec);
        return async (values, runs, scratch, ct) =>
        {
            var byId = runs.ToDictionary(r => r.RunId, StringComparer.Ordinal);
            var batch = new ClusterBatch(spec.File, spec.Text, CalibrationRuns.ValuesText(values), runs.Select(r => r.RunId).ToList(), [],
                (runId, file) => File.WriteAllBytesAsync(CalibrationRuns.FileOf(scratch, byId[runId]), file, ct));
            await session.RunBatchAsync(batch, ct).ConfigureAwait(false);
        };
    }
}
