using MarketSim.Market.Population;
using MarketSim.Market.Providers;
using MarketSim.Transport;

namespace MarketSim.Market.Tests;

/// <summary>Small, fully specified markets for rule tests.</summary>
internal static class TestMarkets
{
    public static ProviderSpec Isp(int index, string name, Technology technology, double capacity = 40, double price = 20,
        double coverage = 1, double share = 0.3, PricingRule? pricing = null, Tariff? tariff = null)
        => new(index, name, technology, capacity, PeakRateMbps: technology == Technology.Wlan ? 20 : 7.2,
            RttSeconds: technology == Technology.Wlan ? 0.03 : 0.12, coverage, Quality: 0, AdvertisedMbps: 7.2,
            MarginalCost: 5, price, share, pricing ?? new PricingRule.Fixed(), tariff ?? Tariff.Flat);

    public static PopulationSpec Users(int count = 3000, double review = 0.2, double mptcp = 0.4, double publicWeight = 0.3)
        => new(count, mptcp, MeanPriceSensitivity: 0.25, PriceSensitivitySpread: 0.3, ThroughputValue: 8, ThroughputValueSpread: 0.4,
            ReferenceMbps: 1, ReviewProbability: review, Inertia: 2, SwitchingCost: 1, BatteryCost: 1, publicWeight, Activity: 0.2,
            UsageGb: 5, UsageSpread: 0.5);

    public static MarketSpec ThreeIsps(int users = 3000, double review = 0.2, int ticks = 12, double mptcp = 0.4)
        => new("test", ticks, Locations: 6, AllowMultihoming: true, Controller.Lia,
            [
                Isp(0, "A", Technology.Cellular3G, share: 0.4),
                Isp(1, "B", Technology.Cellular3G, capacity: 30, price: 18, share: 0.3),
                Isp(2, "W", Technology.Wlan, capacity: 54, price: 10, coverage: 0.5, share: 0.1),
            ],
            Users(users, review, mptcp));

    /// <summary>
    /// The symmetric logit duopoly of DESIGN.md without capacity effects: quality 2, cost 1, outside good 0,
    /// mu = 1 / alpha = 0.25 (Bertrand-Nash price 1.47293), users who care only about price and review every month.
    /// </summary>
    public static MarketSpec LogitDuopoly(PricingRule pricing, int users = 2000, int ticks = 100)
    {
        ProviderSpec Firm(int index, double price) => new(index, $"firm-{index + 1}", Technology.Cellular3G, CellCapacityMbps: 1_000_000, PeakRateMbps: 10,
            RttSeconds: 0.1, Coverage: 1, Quality: 2, AdvertisedMbps: 10, MarginalCost: 1, price, InitialShare: 0.3, pricing, Tariff.Flat);
        return new MarketSpec("logit-duopoly", ticks, Locations: 1, AllowMultihoming: false, Controller.Lia, [Firm(0, 1.2), Firm(1, 1.8)],
            new PopulationSpec(users, MptcpShare: 0, MeanPriceSensitivity: 4, PriceSensitivitySpread: 0, ThroughputValue: 0, ThroughputValueSpread: 0,
                ReferenceMbps: 1, ReviewProbability: 1, Inertia: 0, SwitchingCost: 0, BatteryCost: 0, PublicInformationWeight: 0, Activity: 1,
                UsageGb: 0, UsageSpread: 0));
    }
}
