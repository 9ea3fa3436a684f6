using MarketSim.Experiments.Config;
using MarketSim.Experiments.Output;
using MarketSim.Reports.Results;

namespace MarketSim.Experiments.Sweeps;

/// <summary>One run of a sweep: a design point under a policy, one replication.</summary>
/// <param name="RunId">Stable id, also the file name: p{point}-{policy}-r{replication}.</param>
/// <param name="Point">Index of the design point.</param>
/// <param name="Policy">Name of the policy variant ("base" when the file has none).</param>
/// <param name="Replication">Replication index; its seed is shared by every point and policy (common random numbers).</param>
/// <param name="Seed">Seed of the run, derived from the root seed and the replication.</param>
/// <param name="Parameters">The swept values of the point and the policy's overrides, by dotted path.</param>
/// <param name="Config">The validated experiment of this run.</param>
public sealed record PlannedRun(string RunId, int Point, string Policy, int Replication, ulong Seed,
    IReadOnlyDictionary<string, string> Parameters, ExperimentConfig Config)
{
    /// <summary>Who the run is, as its rows name it.</summary>
    public RunIdentity Identity() => new(RunId, Seed, Point, Policy, Replication);
}

/// <summary>A validated sweep: every run it will make, known before any runs.</summary>
public sealed record SweepPlan(
    string File,
    string SourceText,
    string Name,
    ulong RootSeed,
    SweepDesign Design,
    int Samples,
    int Replications,
    IReadOnlyList<SweptParameter> Parameters,
    IReadOnlyList<string> Policies,
    IReadOnlyList<PlannedRun> Runs);
