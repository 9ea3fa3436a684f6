using MarketSim.Market.Choice;
using MarketSim.Market.Population;

namespace MarketSim.Agents.Protocol;

/// <summary>Messages between the clock and the end-user block actors.</summary>
public static class UserBlockProtocol
{
    /// <summary>Asks a block for its users per (location, portfolio) before the first tick.</summary>
    public sealed record ReportInitialCounts;

    /// <summary>A block's starting market (users per cell and segment, contracts, month-0 bills; see
    /// <see cref="UserBlock.Opening"/>), with its users' states when the run records per-user output (else null).</summary>
    public sealed record InitialCounts(int BlockIndex, BlockOutcome Opening, UserStates? Users = null);

    /// <summary>Review contracts given this tick's offers and last tick's throughput.</summary>
    public sealed record ReviewContracts(MarketView View);

    /// <summary>A block's decisions for a tick, with the seconds the block spent computing them (measurement only)
    /// and, when the run records per-user output, its users' states after the decisions (else null).</summary>
    public sealed record ContractsReviewed(int Tick, int BlockIndex, BlockOutcome Outcome, double ComputeSeconds, UserStates? Users = null);
}
