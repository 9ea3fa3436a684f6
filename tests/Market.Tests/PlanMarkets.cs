using MarketSim.Market.Providers;
using MarketSim.TestSupport;

namespace MarketSim.Market.Tests;

/// <summary>Small markets with the paper's other stakeholders: a VMPO, an ISP product line, dual lines, proxies.</summary>
internal static class PlanMarkets
{
    public static ProviderSpec Vmpo(int index, string name, params int[] accesses) => ProviderBuilder.Vmpo(name, accesses).Build(index);

    public static ProviderSpec ProductLine(int index, string name, int owner, Offer plan, double cost = 1)
        => ProviderBuilder.ProductLine(name, owner, plan).Cost(cost).Build(index);

    /// <summary>3G-A, 3G-B, a WLAN on half the locations, a VMPO over 3G-A + WLAN and a bundle line of 3G-A with WLAN.</summary>
    public static MarketSpec WithResellers(int users = 3000, int ticks = 12) => Markets.TwoIspOneWlanWithResellers(users).Ticks(ticks).Build();

    /// <summary>One location, one ISP whose backhaul is the bottleneck, selling <paramref name="plan"/> (or plain access).</summary>
    public static MarketSpec OneIsp(Offer? plan, double backhaulMbps = 5, Technology technology = Technology.Cellular3G)
        => MarketBuilder.Of("one", TestMarkets.Access("A", technology).Capacity(40).Share(1).Backhaul(backhaulMbps).Sells(plan))
            .Ticks(1).Multihoming(false).Users(PopulationBuilder.Typical(100).Mptcp(1)).Build();
}
