using MarketSim.Market.Accounting;

namespace MarketSim.Agents.Protocol;

/// <summary>Messages to the recorder actor.</summary>
public static class RecorderProtocol
{
    /// <summary>One tick's rows: the market row and one row per provider, in provider order.</summary>
    public sealed record Record(MarketTick Market, IReadOnlyList<ProviderTick> Rows);

    /// <summary>No more rows: finish the output.</summary>
    public sealed record Complete;

    /// <summary>The output is finished.</summary>
    public sealed record Completed(long Rows);
}
