using MarketSim.Market.Choice;
using MarketSim.Market.Providers;

namespace MarketSim.Market.Tests;

public class ChurnCauseTests
{
    private static readonly MarketStructure Structure = PlanMarkets.WithResellers().BuildStructure();
    private static readonly PortfolioCatalogue Catalogue = Structure.Catalogue;
    private static readonly int Hotspot = Enumerable.Range(0, 6).First(l => Structure.Covers(2, l));
    private static readonly int Elsewhere = Enumerable.Range(0, 6).First(l => !Structure.Covers(2, l));

    [Theory]
    [InlineData(10.0, 20.0, 12.0, 15.0, ChurnCause.Price)]        // value +2, bills -5: the saving decides
    [InlineData(10.0, 20.0, 16.0, 19.0, ChurnCause.Performance)]  // value +6, bills -1
    [InlineData(10.0, 20.0, 13.0, 23.0, ChurnCause.Performance)]  // pays more for more
    [InlineData(10.0, 20.0, 8.0, 12.0, ChurnCause.Price)]         // accepts less for much less
    public void A_move_between_single_accesses_is_blamed_on_what_gained_more(double valueBefore, double billsBefore, double valueAfter,
        double billsAfter, ChurnCause expected)
    {
        var cause = ChurnCauses.Classify(Catalogue[Catalogue.Single(0)], Catalogue[Catalogue.Single(1)],
            new UtilityParts(valueBefore, billsBefore, 3), new UtilityParts(valueAfter, billsAfter, -1), Structure, Hotspot);
        Assert.Equal(expected, cause);
    }

    [Fact]
    public void A_move_to_a_one_contract_multipath_plan_is_a_bundle_churn_whatever_the_numbers()
    {
        var cause = ChurnCauses.Classify(Catalogue[Catalogue.Single(1)], Catalogue[Catalogue.Single(4)],
            new UtilityParts(10, 20, 0), new UtilityParts(10, 5, 0), Structure, Hotspot);
        Assert.Equal(ChurnCause.Bundle, cause);
    }

    [Fact]
    public void A_bundle_taken_outside_hotspot_coverage_is_a_single_access_so_the_move_is_not_a_bundle_churn()
    {
        var cause = ChurnCauses.Classify(Catalogue[Catalogue.Single(1)], Catalogue[Catalogue.Single(4)],
            new UtilityParts(10, 20, 0), new UtilityParts(10, 5, 0), Structure, Elsewhere);
        Assert.Equal(ChurnCause.Price, cause);
    }

    [Fact]
    public void Adding_a_second_contract_is_not_a_bundle()
    {
        var pair = Catalogue.All.First(p => p.IsMultihomed && p.Holds(0) && p.Holds(1));
        var cause = ChurnCauses.Classify(Catalogue[Catalogue.Single(2)], pair, new UtilityParts(5, 10, 0), new UtilityParts(15, 38, 0), Structure, Hotspot);
        Assert.Equal(ChurnCause.Performance, cause);
    }
}
