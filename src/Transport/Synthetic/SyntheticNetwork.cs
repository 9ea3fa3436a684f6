namespace MarketSim.Transport.Synthetic;

/// <summary>A generated network and the group counts it was generated with.</summary>
/// <param name="Network">The topology.</param>
/// <param name="Counts">Users per group (one entry per group).</param>
public sealed record SyntheticNetwork(FlowNetwork Network, double[] Counts);
