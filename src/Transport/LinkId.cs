namespace MarketSim.Transport;

/// <summary>Identifies a link of a <see cref="FlowNetwork"/>; <see cref="Value"/> is its index (0-based, in creation order).</summary>
/// <param name="Value">Index of the link in the network's link arrays.</param>
public readonly record struct LinkId(int Value);
