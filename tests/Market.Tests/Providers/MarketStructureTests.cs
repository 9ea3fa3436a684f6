using MarketSim.Market.Providers;

namespace MarketSim.Market.Tests;

public class MarketStructureTests
{
    [Fact]
    public void The_catalogue_lists_outside_singles_then_pairs()
    {
        var catalogue = new PortfolioCatalogue(TestMarkets.ThreeIsps().Providers, allowMultihoming: true);
        Assert.Equal(1 + 3 + 3, catalogue.Count);
        Assert.True(catalogue[0].IsOutside);
        Assert.Equal([1], catalogue[catalogue.Single(1)].Providers);
        Assert.Equal([[0, 1], [0, 2], [1, 2]], catalogue.All.Where(p => p.IsMultihomed).Select(p => p.Providers.ToArray()));
    }

    [Fact]
    public void Without_multihoming_there_are_no_pairs()
        => Assert.Equal(4, new PortfolioCatalogue(TestMarkets.ThreeIsps().Providers, allowMultihoming: false).Count);

    [Fact]
    public void WLAN_covers_its_share_of_locations_and_3G_covers_all()
    {
        var structure = TestMarkets.ThreeIsps().BuildStructure();
        Assert.Equal(6, Enumerable.Range(0, 6).Count(l => structure.Covers(0, l)));
        Assert.Equal(3, Enumerable.Range(0, 6).Count(l => structure.Covers(2, l)));
    }

    [Fact]
    public void A_user_can_only_buy_what_covers_its_location_and_its_device_supports()
    {
        var structure = TestMarkets.ThreeIsps().BuildStructure();
        var uncovered = Enumerable.Range(0, 6).First(l => !structure.Covers(2, l));
        var covered = Enumerable.Range(0, 6).First(l => structure.Covers(2, l));
        Assert.DoesNotContain(structure.Available(uncovered, true).ToArray(), o => structure.Catalogue[o].Holds(2));
        Assert.Contains(structure.Available(covered, true).ToArray(), o => structure.Catalogue[o].Holds(2) && structure.Catalogue[o].IsMultihomed);
        Assert.DoesNotContain(structure.Available(covered, false).ToArray(), o => structure.Catalogue[o].IsMultihomed);
    }
}
