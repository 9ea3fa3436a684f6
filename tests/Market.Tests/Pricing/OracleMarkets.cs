using MarketSim.Market.Network;
using MarketSim.Market.Population;
using MarketSim.Market.Pricing;
using MarketSim.Market.Providers;
using MarketSim.Market.Randomness;
using MarketSim.Transport;

namespace MarketSim.Market.Tests.Pricing;

/// <summary>Textbook logit markets for oracle tests: one location, no capacity effects, users who weigh quality and bills.</summary>
internal static class OracleMarkets
{
    public static ProviderSpec Firm(int index, double quality, double cost, double price, PricingRule? pricing = null, Tariff? tariff = null)
        => new(index, $"firm-{index + 1}", Technology.Cellular3G, CellCapacityMbps: 1_000_000, PeakRateMbps: 10, RttSeconds: 0.1, Coverage: 1,
            quality, AdvertisedMbps: 10, cost, price, InitialShare: 0.2, pricing ?? new PricingRule.Fixed(), tariff ?? Tariff.Flat);

    public static PopulationSpec Users(int count, double alpha, double inertia = 0, double switching = 0, double alphaSpread = 0,
        double value = 0, double valueSpread = 0)
        => new(count, MptcpShare: 0, alpha, alphaSpread, value, valueSpread, ReferenceMbps: 1, ReviewProbability: 1, inertia, switching,
            BatteryCost: 0, PublicInformationWeight: 1, Activity: 1, UsageGb: 0, UsageSpread: 0);

    public static MarketSpec LogitMarket(IReadOnlyList<ProviderSpec> firms, PopulationSpec users, int ticks = 30)
        => new("oracle", ticks, Locations: 1, AllowMultihoming: false, Controller.Lia, firms, users);

    /// <summary>Every path of every cell delivers <paramref name="mbps"/>.</summary>
    public static ThroughputTable Flat(MarketStructure structure, double mbps)
        => new(structure, Enumerable.Repeat(mbps, structure.CellCount * structure.Catalogue.MaxPaths).ToArray());

    public static DemandOracle Oracle(MarketSpec market, ulong seed = 1, int chunk = 2048)
    {
        var structure = market.BuildStructure();
        return new DemandOracle(structure, market.Population, DemandPopulation.Draw(structure, market.Population, new CounterRandom(seed)), chunk);
    }
}
