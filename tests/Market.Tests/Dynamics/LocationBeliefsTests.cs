using MarketSim.Market.Choice;
using MarketSim.Market.Dynamics;
using MarketSim.Market.Providers;

namespace MarketSim.Market.Tests.Dynamics;

public class LocationBeliefsTests
{
    private const int A = 0, B = 1, W = 2;
    private static readonly MarketStructure Structure = TestMarkets.ThreeIsps().BuildStructure();

    private static Portfolio Holding(params int[] sellers) => Structure.Catalogue.All.Single(p => p.Providers.SequenceEqual(sellers));

    private static int[] Counts(params (int Location, Portfolio Portfolio, int Users)[] cells)
    {
        var counts = new int[Structure.CellCount];
        foreach (var c in cells) counts[Structure.Cell(c.Location, c.Portfolio.Index)] = c.Users;
        return counts;
    }

    [Fact]
    public void Word_of_mouth_with_a_known_contact_rate_informs_a_location_at_the_rate_of_the_Poisson_formula()
    {
        // Location 0: 300 users on A alone, 100 on B alone (nobody measures: no crowd data even though publication is on).
        var counts = Counts((0, Holding(A), 300), (0, Holding(B), 100));
        var spec = new InformationSpec(CrowdHalfUsers: 50, ContactRate: 0.8, Decay: 0);
        var beliefs = LocationBeliefs.Uninformed(Structure);
        for (var month = 1; month <= 24; month++)
        {
            beliefs = beliefs.Next(spec, counts);
            // A user meets c contacts a month, a share s of them on the network: uninformed after t months with chance e^(−c s t).
            Assert.Equal(1 - Math.Exp(-0.8 * 0.25 * month), beliefs.Informed(0, B), 12);
            Assert.Equal(1 - Math.Exp(-0.8 * 0.75 * month), beliefs.Informed(0, A), 12);
            Assert.Equal(0, beliefs.Informed(0, W));
            Assert.Equal(0, beliefs.Informed(1, A));   // nobody lives there: nobody to tell
        }
    }

    [Fact]
    public void Crowd_measurements_grow_with_measuring_users_and_forgetting_holds_knowledge_at_its_balance()
    {
        // Location 1: 20 multipath users on A+B measure both; 180 on W only where W covers, else on A.
        var hotspot = Enumerable.Range(0, Structure.Locations).First(l => Structure.Covers(W, l));
        var counts = Counts((hotspot, Holding(A, B), 20), (hotspot, Holding(A), 180));
        var spec = new InformationSpec(CrowdHalfUsers: 60, ContactRate: 0, Decay: 0.1);
        var beliefs = LocationBeliefs.Uninformed(Structure);
        for (var month = 0; month < 400; month++) beliefs = beliefs.Next(spec, counts);
        var reach = 20.0 / (20 + 60);
        // Fixed point of ι = ι (1 − δ) + (1 − ι (1 − δ)) r.
        Assert.Equal(reach / (1 - 0.9 * (1 - reach)), beliefs.Informed(hotspot, B), 9);
        Assert.Equal(beliefs.Informed(hotspot, B), beliefs.Informed(hotspot, A), 12);
        var more = Counts((hotspot, Holding(A, B), 120), (hotspot, Holding(A), 80));
        var crowded = LocationBeliefs.Uninformed(Structure).Next(spec, more);
        Assert.Equal(120.0 / 180, crowded.Informed(hotspot, B), 12);
        Assert.Equal(0.4, LocationBeliefs.Step(0.5, 0.2, 0, 0), 12);
    }

    [Fact]
    public void A_user_judges_a_network_it_does_not_hold_with_the_weight_its_location_knows_it_by()
    {
        var counts = Counts((0, Holding(A), 300), (0, Holding(B), 100));
        var beliefs = LocationBeliefs.Uninformed(Structure).Next(new InformationSpec(0, 0.8, 0), counts);
        double known = beliefs.Informed(0, B), published = 0.3;
        Assert.Equal(known + (1 - known) * published, beliefs.Weight(0, B, published), 12);

        var spec = TestMarkets.ThreeIsps();
        var mbps = new double[Structure.CellCount * Structure.Catalogue.MaxPaths];
        for (var i = 0; i < mbps.Length; i++) mbps[i] = 0.5 + 0.37 * (i % 7);
        var table = new ThroughputTable(Structure, mbps);
        var prices = spec.Providers.Select(p => p.InitialPrice).ToArray();
        var population = spec.Population with { PublicInformationWeight = published };
        var withBeliefs = PortfolioUtility.Of(Holding(B), Holding(A), 0, 8, 5, Structure, population, new MarketView(1, prices, table, Beliefs: beliefs));
        var asIfPublished = PortfolioUtility.Of(Holding(B), Holding(A), 0, 8, 5, Structure,
            population with { PublicInformationWeight = known + (1 - known) * published }, new MarketView(1, prices, table));
        Assert.Equal(asIfPublished, withBeliefs, 12);
        var without = PortfolioUtility.Of(Holding(B), Holding(A), 0, 8, 5, Structure, population, new MarketView(1, prices, table));
        Assert.NotEqual(without, withBeliefs);
    }
}
