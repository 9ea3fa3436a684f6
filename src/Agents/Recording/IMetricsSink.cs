using MarketSim.Market.Accounting;

namespace MarketSim.Agents.Recording;

/// <summary>Where the recorder sends a run's rows: Parquet at the edge, memory in tests.</summary>
public interface IMetricsSink
{
    /// <summary>Appends one tick: the market row and the provider rows (in provider order).</summary>
    void Append(MarketTick market, IReadOnlyList<ProviderTick> providers);

    /// <summary>Called once after the last tick.</summary>
    void Complete();
}
