using MarketSim.Market.Providers;

namespace MarketSim.Market.Tests;

public class PlanCatalogueTests
{
    private static readonly MarketStructure Structure = PlanMarkets.WithResellers().BuildStructure();

    private static Portfolio PlanOf(int provider) => Structure.Catalogue[Structure.Catalogue.Single(provider)];

    [Fact]
    public void A_VMPO_plan_over_two_ISPs_is_one_contract_with_two_paths_that_needs_an_MPTCP_device_and_two_radios()
    {
        var vmpo = PlanOf(3);
        Assert.Equal([3], vmpo.Providers);
        Assert.Equal([new AccessPath(3, 0, false), new AccessPath(3, 2, false)], vmpo.Paths);
        Assert.True(vmpo.IsMultipath);
        Assert.False(vmpo.IsMultihomed);
        Assert.True(vmpo.NeedsMptcpDevice);
        Assert.True(vmpo.UsesTwoRadios);
    }

    [Fact]
    public void Only_plain_accesses_of_different_ISPs_are_paired_into_two_contract_portfolios()
    {
        var pairs = Structure.Catalogue.All.Where(p => p.IsMultihomed).Select(p => p.Providers.ToArray()).ToArray();
        Assert.Equal([[0, 1], [0, 2], [1, 2]], pairs);
    }

    [Fact]
    public void A_bundle_is_sold_where_its_first_access_covers_and_its_WLAN_path_exists_only_in_hotspots()
    {
        var bundle = PlanOf(4);
        var hotspot = Enumerable.Range(0, 6).First(l => Structure.Covers(2, l));
        var elsewhere = Enumerable.Range(0, 6).First(l => !Structure.Covers(2, l));
        Assert.True(Structure.Sold(4, elsewhere));
        Assert.True(Structure.PathExists(hotspot, bundle, 1));
        Assert.False(Structure.PathExists(elsewhere, bundle, 1));
        Assert.True(Structure.PathExists(elsewhere, bundle, 0));
        Assert.Contains(bundle.Index, Structure.Available(elsewhere, mptcpCapable: true).ToArray());
        // Where only its 3G path exists the bundle is one line: a legacy device can use it, with one radio.
        Assert.Contains(bundle.Index, Structure.Available(elsewhere, mptcpCapable: false).ToArray());
        Assert.DoesNotContain(bundle.Index, Structure.Available(hotspot, mptcpCapable: false).ToArray());
        Assert.False(Structure.UsesTwoRadiosAt(elsewhere, bundle));
        Assert.True(Structure.UsesTwoRadiosAt(hotspot, bundle));
        Assert.False(Structure.IsMultipathAt(elsewhere, bundle));
    }

    [Fact]
    public void Two_SIMs_of_the_same_ISP_keep_two_radios_busy()
    {
        var spec = PlanMarkets.WithResellers();
        var twoSims = PlanMarkets.ProductLine(5, "A-2SIM", owner: 0, new Offer([0, 0], OfferRouting.Terminal, 0, 0));
        var structure = new MarketStructure([.. spec.Providers, twoSims], 6, allowMultihoming: true);
        Assert.True(structure.UsesTwoRadiosAt(0, structure.Catalogue[structure.Catalogue.Single(5)]));
    }

    [Fact]
    public void A_dual_line_runs_two_paths_over_one_ISP_and_costs_no_battery()
    {
        var dual = new PortfolioCatalogue([TestMarkets.Isp(0, "D", Technology.FixedLine) with { Offer = new Offer([0, 0], OfferRouting.Terminal, 0, 0) }], false)[1];
        Assert.Equal(2, dual.Paths.Count);
        Assert.All(dual.Paths, p => Assert.Equal(0, p.Access));
        Assert.True(dual.NeedsMptcpDevice);
        Assert.False(dual.UsesTwoRadios);
    }

    [Fact]
    public void A_proxy_plan_splits_one_access_over_two_routes_without_an_MPTCP_device()
    {
        var proxy = new PortfolioCatalogue([TestMarkets.Isp(0, "A", Technology.Cellular3G) with { Offer = new Offer([0], OfferRouting.Proxy, 10, 0) }], false)[1];
        Assert.Equal([new AccessPath(0, 0, false), new AccessPath(0, 0, true)], proxy.Paths);
        Assert.True(proxy.IsMultipath);
        Assert.False(proxy.NeedsMptcpDevice);
        Assert.False(proxy.UsesTwoRadios);
    }
}
