using MarketSim.Market.Pricing;
using MarketSim.Market.Providers;
using MarketSim.Market.Randomness;
using MarketSim.TestSupport;
using MarketSim.Transport;

namespace MarketSim.Market.Tests.Pricing;

/// <summary>Textbook logit markets for oracle tests: one location, no capacity effects, users who weigh quality and bills.</summary>
internal static class OracleMarkets
{
    public static ProviderSpec Firm(int index, double quality, double cost, double price, PricingRule? pricing = null, Tariff? tariff = null)
        => ProviderBuilder.LogitFirm(index, quality, cost).Fee(price).Share(0.2).Pricing(pricing ?? new PricingRule.Fixed())
            .Tariff(tariff ?? Tariff.Flat).Build(index);

    /// <summary>Users who review every month and see every access's published rate (public information weight 1).</summary>
    public static PopulationSpec Users(int count, double alpha, double inertia = 0, double switching = 0, double alphaSpread = 0,
        double value = 0, double valueSpread = 0)
        => PopulationBuilder.PriceOnly(count, alpha).PriceSensitivity(alpha, alphaSpread).ThroughputValue(value, valueSpread)
            .Inertia(inertia).SwitchingCost(switching).PublicInformation(1).Build();

    public static MarketSpec LogitMarket(IReadOnlyList<ProviderSpec> firms, PopulationSpec users, int ticks = 30)
        => new("oracle", ticks, Locations: 1, AllowMultihoming: false, Controller.Lia, firms, users);

    /// <summary>Every path of every cell delivers <paramref name="mbps"/>.</summary>
    public static ThroughputTable Flat(MarketStructure structure, double mbps)
        => NetworkBuilder.For(structure).EverySlot(mbps).Build();

    /// <summary>A throughput table whose paths deliver 1-9 Mbit/s, different in every cell and slot (so rebates bite unevenly).</summary>
    public static ThroughputTable Uneven(MarketStructure structure, ulong seed)
    {
        var random = new Random((int)seed);
        return new ThroughputTable(structure, Enumerable.Range(0, structure.CellCount * structure.Catalogue.MaxPaths).Select(_ => 1 + 8 * random.NextDouble()).ToArray());
    }

    public static DemandOracle Oracle(MarketSpec market, ulong seed = 1, int chunk = 2048, long maxKeptFactors = DemandOracle.DefaultMaxKeptFactors)
    {
        var structure = market.BuildStructure();
        return new DemandOracle(structure, market.Population, DemandPopulation.Draw(structure, market.Population, new CounterRandom(seed)), chunk,
            maxKeptFactors);
    }
}
