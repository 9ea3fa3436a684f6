using MarketSim.Market.Accounting;
using MarketSim.Market.Providers;

namespace MarketSim.Agents.Protocol;

/// <summary>Messages between the clock and a provider actor.</summary>
public static class ProviderProtocol
{
    /// <summary>The market's verdict on a provider for a tick: book it and set next tick's price. <c>Prices</c> is every
    /// provider's price this tick, by provider index: what a learning provider's state is made of. <c>Throughput</c> is the
    /// tick's solved rates, what a provider pricing with the demand oracle evaluates demand at.</summary>
    public sealed record Settle(int Tick, int Population, double ConnectedShare, ProviderDemand Demand, IReadOnlyList<double> Prices,
        ThroughputTable? Throughput = null);

    /// <summary>The provider's books for the tick and its price for the next one.</summary>
    public sealed record Settled(ProviderTick Books, double NextPrice);
}
