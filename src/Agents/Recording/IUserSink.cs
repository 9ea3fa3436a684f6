using MarketSim.Market.Population;
using MarketSim.Market.Providers;

namespace MarketSim.Agents.Recording;

/// <summary>
/// Where the recorder streams per-user rows when a run asks for them: one call per month with every user, so a
/// sink can write each month and drop it (Parquet at the edge, memory in tests). Calls come one at a time, in
/// month order, and the clock never lets more than one month wait for the sink, so memory stays bounded.
/// </summary>
public interface IUserSink
{
    /// <summary>Appends month <paramref name="tick"/>: every block's users in block order (so in global user
    /// order) and the month's solved throughput, from which each user's rate follows.</summary>
    Task AppendAsync(int tick, IReadOnlyList<UserStates> blocksInOrder, ThroughputTable throughput);

    /// <summary>Called once after the last month: finish the output (it is published by whoever owns the sink,
    /// once the whole run has succeeded).</summary>
    Task CompleteAsync();
}
