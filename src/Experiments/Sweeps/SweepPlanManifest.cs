using MarketSim.Experiments.Output;
using MarketSim.Reports.Results;

namespace MarketSim.Experiments.Sweeps;

/// <summary>Writes a plan as the sweep manifest (sweep.json) that readers of the results folder read.</summary>
public static class SweepPlanManifest
{
    /// <summary>The manifest of a plan; a run is done when <paramref name="recorded"/> holds its record.</summary>
    public static SweepManifest Manifest(this SweepPlan plan, IReadOnlyDictionary<string, RunRecord> recorded) => new(
        plan.Name, plan.File, plan.SourceText, plan.RootSeed, plan.Design.ToString(), plan.Samples, plan.Replications,
        plan.Parameters.Select(p => p.Path).ToList(), plan.Policies, RunManifest.SoftwareVersion,
        plan.Runs.Select(r =>
        {
            var file = Path.Combine(SweepManifest.RunsFolder, r.RunId + ".parquet");
            var users = r.Config.PerUserOutput ? Path.Combine(SweepManifest.UsersFolder, r.RunId + ".parquet") : null;
            var record = recorded.GetValueOrDefault(r.RunId);
            return new SweepRunEntry(r.RunId, r.Point, r.Policy, r.Replication, r.Seed, r.Parameters, file,
                record is null ? SweepManifest.Planned : SweepManifest.Done, users, record?.Sha256, record?.UsersSha256);
        }).ToList());
}
