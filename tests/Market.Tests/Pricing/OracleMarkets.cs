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

    /// <summary>
    /// The market of resellers (a VMPO, an ISP product line, inertia and switching costs) with <paramref name="users"/>
    /// users, varied by the words in <paramref name="variant"/>: "rebate" (a performance rebate on firm 1, so its rows do
    /// not factor), "allowance" (overage on firm 2), "nested logit" (nesting 0.5), "no inertia" (one logit draw per user).
    /// </summary>
    public static MarketSpec Variant(int users, string variant)
    {
        var market = PlanMarkets.WithResellers(users);
        var providers = market.Providers.ToArray();
        var population = market.Population;
        if (variant.Contains("rebate", StringComparison.Ordinal))
            providers[1] = providers[1] with { Tariff = new Tariff(double.PositiveInfinity, 0, PromisedMbps: 6, Rebate: 0.5) };
        if (variant.Contains("allowance", StringComparison.Ordinal))
            providers[2] = providers[2] with { Tariff = new Tariff(AllowanceGb: 4, OveragePerGb: 1.5, 0, 0) };
        if (variant.Contains("nested", StringComparison.Ordinal)) population = population with { Demand = new DemandModel(true, 0.5, null) };
        if (variant.Contains("no inertia", StringComparison.Ordinal)) population = population with { Inertia = 0, SwitchingCost = 0, BatteryCost = 0 };
        return market with { Providers = providers, Population = population };
    }

    public static DemandOracle Oracle(MarketSpec market, ulong seed = 1, int chunk = 2048, long maxKeptFactors = DemandOracle.DefaultMaxKeptFactors)
    {
        var structure = market.BuildStructure();
        return new DemandOracle(structure, market.Population, DemandPopulation.Draw(structure, market.Population, new CounterRandom(seed)), chunk,
            maxKeptFactors);
    }
}
