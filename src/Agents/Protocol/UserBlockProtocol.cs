using MarketSim.Market.Choice;

namespace MarketSim.Agents.Protocol;

/// <summary>Messages between the clock and the end-user block actors.</summary>
public static class UserBlockProtocol
{
    /// <summary>Asks a block for its users per (location, portfolio) before the first tick.</summary>
    public sealed record ReportInitialCounts;

    /// <summary>A block's starting counts: users per cell and per segment.</summary>
    public sealed record InitialCounts(int BlockIndex, IReadOnlyList<int> CellCounts, SegmentTally Segments);

    /// <summary>Review contracts given this tick's offers and last tick's throughput.</summary>
    public sealed record ReviewContracts(MarketView View);

    /// <summary>A block's decisions for a tick, with the seconds the block spent computing them (measurement only).</summary>
    public sealed record ContractsReviewed(int Tick, int BlockIndex, BlockOutcome Outcome, double ComputeSeconds);
}
