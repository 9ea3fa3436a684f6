namespace MarketSim.Transport;

/// <summary>Identifies a user group of a <see cref="FlowNetwork"/>; <see cref="Value"/> is its index (0-based, in creation order).</summary>
/// <param name="Value">Index of the group, also its index in the group-count span given to the solver.</param>
public readonly record struct GroupId(int Value);
