using MarketSim.Market.Network;
using MarketSim.Market.Providers;

namespace MarketSim.Market.Choice;

/// <summary>What every user can see when it reviews its contracts at a tick: offers and their performance.</summary>
/// <param name="Tick">The tick (month) being decided.</param>
/// <param name="ProviderPrices">Monthly fee of each provider, by provider index.</param>
/// <param name="Throughput">Throughput each access delivered last tick, per (location, portfolio).</param>
/// <param name="Withdrawn">Per portfolio index: true if it can no longer be bought because a provider in it has left the
/// market (its holders must choose again); null while every provider is in the market.</param>
/// <param name="Outages">The network outages of the month <paramref name="Throughput"/> was measured in (already counted in
/// it); null when no network can fail.</param>
/// <param name="Beliefs">What users of each location know of networks they do not hold (word of mouth, crowd
/// measurements); null when information does not travel (the published weight alone).</param>
/// <param name="MptcpCapableShare">This month's MPTCP-capable share when adoption responds to the market (Bass diffusion
/// with value feedback); null: the population's own curve (<see cref="PopulationSpec.MptcpShareAt"/>).</param>
public sealed record MarketView(int Tick, IReadOnlyList<double> ProviderPrices, ThroughputTable Throughput, IReadOnlyList<bool>? Withdrawn = null,
    OutageMonth? Outages = null, Dynamics.LocationBeliefs? Beliefs = null, double? MptcpCapableShare = null);
