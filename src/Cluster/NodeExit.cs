namespace MarketSim.Cluster;

/// <summary>Why a worker node stopped.</summary>
/// <param name="Success">True when the node did its part (exit 0): the sweep finished or its coordinator is gone.</param>
/// <param name="Reason">One line for the user.</param>
public sealed record NodeExit(bool Success, string Reason);
