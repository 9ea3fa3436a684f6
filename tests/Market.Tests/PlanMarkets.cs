using MarketSim.Market.Providers;
using MarketSim.Transport;

namespace MarketSim.Market.Tests;

/// <summary>Small markets with the paper's other stakeholders: a VMPO, an ISP product line, dual lines, proxies.</summary>
internal static class PlanMarkets
{
    public static ProviderSpec Vmpo(int index, string name, params int[] accesses)
        => new(index, name, Technology.None, 0, 0, 0, 0, Quality: 0, AdvertisedMbps: 0, MarginalCost: 1, 20, 0,
            new PricingRule.Fixed(), Tariff.Flat, ProviderKind.Vmpo, new Offer(accesses, OfferRouting.Terminal, 0, 0));

    public static ProviderSpec ProductLine(int index, string name, int owner, Offer plan, double cost = 1)
        => new(index, name, Technology.None, 0, 0, 0, 0, Quality: 0, AdvertisedMbps: 0, MarginalCost: cost, 25, 0,
            new PricingRule.Fixed(), Tariff.Flat, ProviderKind.ProductLine, plan, Owner: owner);

    /// <summary>3G-A, 3G-B, a WLAN on half the locations, a VMPO over 3G-A + WLAN and a bundle line of 3G-A with WLAN.</summary>
    public static MarketSpec WithResellers(int users = 3000, int ticks = 12) => new("plans", ticks, Locations: 6, AllowMultihoming: true, Controller.Lia,
        [
            TestMarkets.Isp(0, "A", Technology.Cellular3G, share: 0.35) with { WholesaleDiscount = 0.3 },
            TestMarkets.Isp(1, "B", Technology.Cellular3G, capacity: 30, price: 18, share: 0.3),
            TestMarkets.Isp(2, "W", Technology.Wlan, capacity: 54, price: 10, coverage: 0.5, share: 0.1) with { WholesaleDiscount = 0.2 },
            Vmpo(3, "V", 0, 2) with { InitialShare = 0.05 },
            ProductLine(4, "A+W", owner: 0, new Offer([0, 2], OfferRouting.Terminal, 0, RevenueShare: 0.4)) with { InitialShare = 0.05 },
        ],
        TestMarkets.Users(users, review: 0.3, mptcp: 0.6));

    /// <summary>One location, one ISP whose backhaul is the bottleneck, selling <paramref name="plan"/> (or plain access).</summary>
    public static MarketSpec OneIsp(Offer? plan, double backhaulMbps = 5, Technology technology = Technology.Cellular3G)
        => new("one", 1, Locations: 1, AllowMultihoming: false, Controller.Lia,
            [TestMarkets.Isp(0, "A", technology, capacity: 40, share: 1) with { BackhaulMbps = backhaulMbps, Offer = plan }],
            TestMarkets.Users(100, mptcp: 1));
}
