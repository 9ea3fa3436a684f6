using MarketSim.Market.Network;

namespace MarketSim.Market.Choice;

/// <summary>What every user can see when it reviews its contracts at a tick: offers and their performance.</summary>
/// <param name="Tick">The tick (month) being decided.</param>
/// <param name="ProviderPrices">Monthly fee of each provider, by provider index.</param>
/// <param name="Throughput">Throughput each access delivered last tick, per (location, portfolio).</param>
public sealed record MarketView(int Tick, IReadOnlyList<double> ProviderPrices, ThroughputTable Throughput);
