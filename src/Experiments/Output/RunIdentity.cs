namespace MarketSim.Experiments.Output;

/// <summary>Who a run is inside its sweep; a single `run` is point 0, policy "base", replication 0.</summary>
/// <param name="RunId">Stable id, used in rows and file names.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="Point">Design point index.</param>
/// <param name="Policy">Policy variant name.</param>
/// <param name="Replication">Replication index.</param>
public sealed record RunIdentity(string RunId, ulong Seed, int Point, string Policy, int Replication);
