namespace MarketSim.Experiments.Sweeps;

/// <summary>A key whose value in the experiment file is a list: swept instead of fixed.</summary>
/// <param name="Path">Dotted path, e.g. users.mptcp_share or providers[1].cell_capacity_mbps.</param>
/// <param name="Line">Line of the list in the file.</param>
/// <param name="Values">The listed values as written.</param>
public sealed record SweptParameter(string Path, int Line, IReadOnlyList<string> Values);
