using MarketSim.Market.Network;
using MarketSim.Market.Providers;
using MarketSim.TestSupport;
using MarketSim.Transport;

namespace MarketSim.Market.Tests;

/// <summary>What each plan delivers in the transport model: proxies route around a full backhaul, dual lines add up.</summary>
public class PlanNetworkTests
{
    /// <summary>Per-user rate (Mbit/s, summed over paths) of the ISP's plan with <paramref name="users"/> holders.</summary>
    private static double RatePerUser(MarketSpec spec, int users)
    {
        var structure = spec.BuildStructure();
        var network = new AccessNetwork(structure, Controller.Lia, activity: 1);
        var counts = new int[structure.CellCount];
        var plan = structure.Catalogue.Single(0);
        counts[structure.Cell(0, plan)] = users;
        var table = network.Solve(counts);
        return table.TotalMbps(structure.Cell(0, plan), structure.Catalogue[plan].Paths.Count);
    }

    [Fact]
    public void A_full_backhaul_limits_plain_access_to_its_share_of_the_backhaul()
        => Assert.Equal(5.0 / 10, RatePerUser(PlanMarkets.OneIsp(plan: null, backhaulMbps: 5), 10), 3);

    [Fact]
    public void An_ISP_proxy_adds_its_transit_route_when_the_backhaul_is_the_bottleneck()
    {
        var proxy = new Offer([0], OfferRouting.Proxy, ProxyTransitMbps: 10, RevenueShare: 0);
        var rate = RatePerUser(PlanMarkets.OneIsp(proxy, backhaulMbps: 5), 10);
        Assert.Equal((5.0 + 10.0) / 10, rate, 3);
    }

    [Fact]
    public void A_proxy_never_gives_more_than_the_radio_delivers()
    {
        // One user, huge backhaul and transit: the peak rate (7.2 Mbit/s) is the limit, proxy or not.
        var proxy = new Offer([0], OfferRouting.Proxy, ProxyTransitMbps: 1000, RevenueShare: 0);
        Assert.True(RatePerUser(PlanMarkets.OneIsp(proxy, backhaulMbps: 1000), 1) <= 7.2 + 1e-6);
        Assert.Equal(7.2, RatePerUser(PlanMarkets.OneIsp(null, backhaulMbps: 1000), 1), 3);
    }

    [Fact]
    public void A_proxy_plan_nobody_holds_is_not_perceived_as_two_accesses()
    {
        // A user holding nothing judges 3G-A's proxy plan by its advertised rate plus what published data show of the
        // second route: never the advertised rate twice.
        var proxy = new Offer([0], OfferRouting.Proxy, ProxyTransitMbps: 1000, RevenueShare: 0);
        var spec = PlanMarkets.OneIsp(proxy, backhaulMbps: 1000);
        spec = spec with { Population = spec.Population with { PublicInformationWeight = 0 } };
        var structure = spec.BuildStructure();
        var table = NetworkBuilder.For(structure).EverySlot(3.6).Build();
        var view = new Choice.MarketView(1, [0.0], table);
        var plan = structure.Catalogue[1];
        var parts = Choice.PortfolioUtility.Parts(plan, structure.Catalogue[0], 0, throughputValue: 1, usageGb: 0, structure, spec.Population, view);
        var perceivedMbps = (Math.Exp(parts.Value - spec.Providers[0].Quality) - 1) * spec.Population.ReferenceMbps;
        Assert.Equal(((IspSpec)spec.Providers[0]).AdvertisedMbps, perceivedMbps, 6);
    }

    [Fact]
    public void A_dual_line_doubles_the_line_rate_while_the_aggregation_link_has_room()
    {
        var dual = new Offer([0, 0], OfferRouting.Terminal, 0, 0);
        var single = RatePerUser(PlanMarkets.OneIsp(null, backhaulMbps: double.PositiveInfinity, Technology.FixedLine), 2);
        var both = RatePerUser(PlanMarkets.OneIsp(dual, backhaulMbps: double.PositiveInfinity, Technology.FixedLine), 2);
        Assert.Equal(7.2, single, 3);
        Assert.Equal(2 * 7.2, both, 3);
    }

    [Fact]
    public void A_bundle_outside_hotspots_delivers_its_3G_path_only()
    {
        var spec = PlanMarkets.WithResellers();
        var structure = spec.BuildStructure();
        var network = new AccessNetwork(structure, Controller.Lia, activity: 0.2);
        var counts = new int[structure.CellCount];
        var bundle = structure.Catalogue.Single(4);
        var elsewhere = Enumerable.Range(0, 6).First(l => !structure.Covers(2, l));
        var hotspot = Enumerable.Range(0, 6).First(l => structure.Covers(2, l));
        counts[structure.Cell(elsewhere, bundle)] = 20;
        counts[structure.Cell(hotspot, bundle)] = 20;
        var table = network.Solve(counts);
        Assert.Equal(0, table.Mbps(structure.Cell(elsewhere, bundle), 1));
        Assert.True(table.Mbps(structure.Cell(elsewhere, bundle), 0) > 0);
        Assert.True(table.Mbps(structure.Cell(hotspot, bundle), 1) > 0);
    }
}
