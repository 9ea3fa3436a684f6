using MarketSim.Agents.Recording;
using MarketSim.Market.Accounting;

namespace MarketSim.Agents.Running;

/// <summary>Keeps every row in memory: for tests and for plotting a run just finished.</summary>
public sealed class MemorySink : IMetricsSink
{
    private readonly List<ProviderTick> rows = [];
    private readonly List<MarketTick> market = [];

    /// <summary>All provider rows so far, in the order recorded.</summary>
    public IReadOnlyList<ProviderTick> Rows => rows;

    /// <summary>All market rows so far, one per tick.</summary>
    public IReadOnlyList<MarketTick> Market => market;

    /// <summary>True once the run completed.</summary>
    public bool Completed { get; private set; }

    /// <inheritdoc />
    public void Append(MarketTick marketRow, IReadOnlyList<ProviderTick> providerRows)
    {
        market.Add(marketRow);
        rows.AddRange(providerRows);
    }

    /// <inheritdoc />
    public void Complete() => Completed = true;
}
