using MarketSim.Market.Accounting;
using MarketSim.Market.Population;
using MarketSim.Market.Providers;

namespace MarketSim.Agents.Protocol;

/// <summary>Messages to the recorder actor and, for per-user output, the user recorder actor.</summary>
public static class RecorderProtocol
{
    /// <summary>One tick's rows: the market row and one row per provider, in provider order.</summary>
    public sealed record Record(MarketTick Market, IReadOnlyList<ProviderTick> Rows);

    /// <summary>One tick's users, every block in block order, and the tick's solved throughput (per-user output only).</summary>
    public sealed record RecordUsers(int Tick, IReadOnlyList<UserStates> Blocks, ThroughputTable Throughput);

    /// <summary>The users of a tick are written: the clock may hand over the next tick's.</summary>
    public sealed record UsersRecorded(int Tick);

    /// <summary>No more users: finish the per-user output.</summary>
    public sealed record CompleteUsers;

    /// <summary>The per-user output is finished, with the rows it holds.</summary>
    public sealed record UsersCompleted(long Rows);

    /// <summary>No more rows: finish the output.</summary>
    public sealed record Complete;

    /// <summary>The output is finished.</summary>
    public sealed record Completed(long Rows);
}
