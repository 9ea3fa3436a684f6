using MarketSim.Market.Providers;

namespace MarketSim.Agents.Protocol;

/// <summary>Messages between the clock and the network (transport) actor.</summary>
public static class NetworkProtocol
{
    /// <summary>Solve the access network for the users per (location, portfolio).</summary>
    public sealed record Solve(int Tick, IReadOnlyList<int> CellCounts);

    /// <summary>The throughput every access gives in every cell this tick, and the solve's seconds (measurement only).</summary>
    public sealed record Solved(int Tick, ThroughputTable Throughput, double ComputeSeconds);
}
