using MarketSim.Market.Pricing;
using MarketSim.Market.Providers;
using MarketSim.TestSupport;

namespace MarketSim.Market.Tests;

/// <summary>The three kinds of provider: what each owns, whose network is its home, and who belongs to whose firm.</summary>
public class ProviderSpecTests
{
    private static readonly Offer Bundle = new([0, 2], OfferRouting.Terminal, 0, 0.3);

    /// <summary>3G-A (0), 3G-B (1), WLAN (2), a VMPO over 3G-B + WLAN (3) and a product line of 3G-A (4).</summary>
    private static readonly ProviderSpec[] Market =
    [
        ProviderBuilder.Isp("3G-A").Build(0),
        ProviderBuilder.Isp("3G-B").Build(1),
        ProviderBuilder.Wlan("WLAN").Build(2),
        ProviderBuilder.Vmpo("V", 1, 2).Build(3),
        ProviderBuilder.ProductLine("A-bundle", 0, Bundle).Build(4),
    ];

    [Fact]
    public void Each_kind_is_its_own_type_and_only_an_isp_owns_a_network()
    {
        Assert.Equal([ProviderKind.Isp, ProviderKind.Isp, ProviderKind.Isp, ProviderKind.Vmpo, ProviderKind.ProductLine], Market.Select(p => p.Kind));
        Assert.Equal([true, true, true, false, false], Market.Select(p => p.OwnsNetwork));
        Assert.IsType<VmpoSpec>(Market[3]);
        Assert.Equal(new ProviderId(0), Assert.IsType<ProductLineSpec>(Market[4]).Owner);
    }

    [Fact]
    public void The_home_network_is_the_isps_own_the_owners_for_a_product_line_and_none_for_a_vmpo()
        => Assert.Equal([0, 1, 2, null, 0], Market.Select(p => p.HomeNetwork));

    [Fact]
    public void An_isp_and_its_product_line_are_one_firm_and_a_vmpo_is_a_firm_of_its_own()
    {
        Assert.Equal([0, 1, 2, 3, 0], Enumerable.Range(0, Market.Length).Select(p => Firms.RootOf(Market, p)));
        Assert.Equal([0, 4], Firms.MembersOf(Market, 4));
        Assert.Equal([3], Firms.MembersOf(Market, 3));
    }

    [Theory]
    [InlineData(0.1, 5, true)]
    [InlineData(0, 5, false)]
    [InlineData(0.1, 0, false)]
    public void An_isp_can_fail_only_with_a_chance_and_a_duration(double probability, double hours, bool canFail)
        => Assert.Equal(canFail, ProviderBuilder.Isp("A").Outages(probability, hours).Build(0).CanFail);

    [Fact]
    public void A_wholesale_price_is_the_retail_fee_less_the_discount()
        => Assert.Equal(14.0, Assert.IsType<IspSpec>(ProviderBuilder.Isp("A").WholesaleDiscount(0.3).Build(0)).WholesalePrice(20), 12);

    [Fact]
    public void A_network_setting_on_a_provider_without_a_network_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ProviderBuilder.Vmpo("V", 0).Capacity(10));
        Assert.Contains("V is a Vmpo", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_structure_hands_out_an_access_as_its_isp_and_refuses_a_reseller()
    {
        var structure = new MarketStructure(Market, locations: 2, allowMultihoming: true);
        Assert.Equal("WLAN", structure.Isp(2).Name);
        Assert.Throws<ArgumentException>(() => structure.Isp(3));
    }
}
