using MarketSim.Market.Choice;
using MarketSim.Market.Network;
using MarketSim.Market.Providers;
using MarketSim.Transport;

namespace MarketSim.Market.Tests.Network;

/// <summary>Users spread over places: 3G everywhere, WLAN at hotspots only, throughput valued as the time-weighted mix.</summary>
public class MobilityTests
{
    private const int A = 0, W = 1;
    private const double Peak3G = 7.2, PeakWlan = 20;

    /// <summary>Home (WLAN) 0.5, work (WLAN) 0.2, on the move (3G only) 0.3: at hotspots 70 % of the time.</summary>
    private static readonly Mobility HomeWorkMove = new([new Place("home", 0.5, true), new Place("work", 0.2, true), new Place("on the move", 0.3, false)]);

    /// <summary>One location, a 3G ISP and a WLAN ISP both covering it, the given capacities (Mbit/s).</summary>
    private static MarketSpec TwoAccesses(double capacity3G, double capacityWlan, Mobility? mobility)
    {
        var spec = new MarketSpec("mobility", 12, Locations: 1, AllowMultihoming: true, Controller.Lia,
            [TestMarkets.Isp(A, "A", Technology.Cellular3G, capacity: capacity3G), TestMarkets.Isp(W, "W", Technology.Wlan, capacity: capacityWlan, coverage: 1)],
            TestMarkets.Users(mptcp: 1));
        return spec with { Population = spec.Population with { Mobility = mobility } };
    }

    private static Portfolio Holding(MarketStructure structure, params int[] sellers)
        => structure.Catalogue.All.Single(p => p.Providers.SequenceEqual(sellers));

    /// <summary>The table the users read for the given holders per portfolio (sellers, users).</summary>
    private static (MarketStructure Structure, ThroughputTable Table) Solve(MarketSpec spec, params (int[] Sellers, int Users)[] holders)
    {
        var structure = spec.BuildStructure();
        var counts = new int[structure.CellCount];
        foreach (var (sellers, users) in holders) counts[structure.Cell(0, Holding(structure, sellers).Index)] = users;
        var network = new AccessNetwork(structure, spec.MultipathController, spec.Population.Activity, mobility: spec.Population.Mobility);
        return (structure, network.Solve(counts));
    }

    private static double Total(MarketStructure structure, ThroughputTable table, params int[] sellers)
    {
        var portfolio = Holding(structure, sellers);
        return table.TotalMbps(structure.Cell(0, portfolio.Index), portfolio.Paths.Count);
    }

    [Fact]
    public void The_hotspot_share_is_the_time_at_places_with_WLAN()
        => Assert.Equal(0.7, HomeWorkMove.HotspotShare, 12);

    [Fact]
    public void A_3G_plus_WLAN_user_values_exactly_the_time_weighted_throughput_of_its_places()
    {
        // Capacities far above demand: every path runs at its access's peak rate, so at hotspots the pair delivers
        // 7.2 + 20 and on the move 3G's 7.2 alone; valued over the places, h (7.2 + 20) + (1 - h) 7.2.
        const double h = 0.7;
        var spec = TwoAccesses(1e5, 1e5, HomeWorkMove);
        var (structure, table) = Solve(spec, ([A, W], 40), ([A], 30), ([W], 20));
        var pair = Holding(structure, A, W);
        var expected = h * (Peak3G + PeakWlan) + (1 - h) * Peak3G;
        Assert.Equal(expected, Total(structure, table, A, W), 6);
        Assert.Equal(Peak3G, table.Mbps(structure.Cell(0, pair.Index), pair.Paths.ToList().FindIndex(p => p.Access == A)), 6);
        // What the user weighs in its utility: v ln(1 + T / T_ref) with T the mix (it holds the pair, so sees it exactly).
        var view = new MarketView(1, [20.0, 10.0], table);
        var parts = PortfolioUtility.Parts(pair, pair, 0, throughputValue: 8, usageGb: 0, structure, spec.Population, view);
        Assert.Equal(8 * Math.Log(1 + expected / spec.Population.ReferenceMbps), parts.Value, 9);
    }

    [Fact]
    public void WLAN_only_users_lose_service_on_the_move()
    {
        var spec = TwoAccesses(1e5, 1e5, HomeWorkMove);
        var (structure, table) = Solve(spec, ([W], 20), ([A], 30));
        Assert.Equal(0.7 * PeakWlan, Total(structure, table, W), 6);
        Assert.Equal(Peak3G, Total(structure, table, A), 6);
        var nowhere = new Mobility([new Place("street", 1, false)]);
        var (s2, t2) = Solve(TwoAccesses(1e5, 1e5, nowhere), ([W], 20), ([A], 30));
        Assert.Equal(0, Total(s2, t2, W));
        Assert.Equal(Peak3G, Total(s2, t2, A), 6);
    }

    [Fact]
    public void Load_on_a_hotspot_is_the_time_weighted_presence_of_its_users()
    {
        // A full WLAN link of C = 10 Mbit/s, n = 50 WLAN-only users active a = 0.2 of the time, present h = 0.7 of it:
        // n h a active flows share C equally while there (below the 20 Mbit/s peak), so valued over the places
        // h C / (n h a) = C / (n a) = 1 Mbit/s; without mobility the same users get C / (n a) while always there.
        // The 3G link (C = 6, 30 users) carries its users all the time: C / (n a) = 1 Mbit/s either way.
        const double c = 10, n = 50, a = 0.2;
        var (structure, table) = Solve(TwoAccesses(6, c, HomeWorkMove), ([W], (int)n), ([A], 30));
        var atHotspot = table.Mbps(structure.Cell(0, Holding(structure, W).Index), 0) / 0.7;
        Assert.Equal(c / (n * 0.7 * a), atHotspot, 3);
        Assert.Equal(c / (n * a), Total(structure, table, W), 3);
        Assert.Equal(6 / (30 * a), Total(structure, table, A), 3);
    }

    [Fact]
    public void Away_from_hotspots_a_pair_puts_all_its_traffic_on_3G()
    {
        // 3G congested (6 Mbit/s, 30 3G-only users and 40 pairs), WLAN roomy: moving the pairs' time away from
        // hotspots loads the 3G cell, so 3G-only users get less than when everyone stays at a hotspot.
        var always = new Mobility([new Place("home", 1, true)]);
        var (s1, atHome) = Solve(TwoAccesses(6, 1e5, always), ([A, W], 40), ([A], 30));
        var (s2, mobile) = Solve(TwoAccesses(6, 1e5, new Mobility([new Place("home", 0.4, true), new Place("street", 0.6, false)])), ([A, W], 40), ([A], 30));
        Assert.True(Total(s2, mobile, A) < Total(s1, atHome, A) - 0.01, $"3G-only users: {Total(s2, mobile, A)} mobile, {Total(s1, atHome, A)} at home");
    }

    [Fact]
    public void Always_at_a_hotspot_is_the_market_without_mobility()
    {
        var always = new Mobility([new Place("home", 1, true)]);
        var (s1, with) = Solve(TwoAccesses(6, 10, always), ([A, W], 40), ([A], 30), ([W], 25));
        var (_, without) = Solve(TwoAccesses(6, 10, null), ([A, W], 40), ([A], 30), ([W], 25));
        foreach (var sellers in new[] { new[] { A }, [W], [A, W] })
            Assert.Equal(Total(s1, without, sellers), Total(s1, with, sellers), 1e-4);
    }

    [Fact]
    public void Pairing_3G_with_WLAN_is_worth_more_under_mobility()
    {
        // A small market with a loaded 3G cell (20 Mbit/s) and fast hotspots (300 Mbit/s): what adding 3G to a WLAN
        // plan is worth in utility, for the same holders, with users always at hotspots and at hotspots 70 % of the time.
        double PairingGain(Mobility? mobility)
        {
            var spec = TwoAccesses(20, 300, mobility);
            var (structure, table) = Solve(spec, ([A, W], 40), ([A], 60), ([W], 50));
            var view = new MarketView(1, [20.0, 10.0], table);
            var pair = Holding(structure, A, W);
            var wlan = Holding(structure, W);
            double Value(Portfolio p) => PortfolioUtility.Parts(p, p, 0, throughputValue: 8, usageGb: 0, structure, spec.Population, view).Value;
            return Value(pair) - Value(wlan);
        }
        // Without mobility LIA moves the pair's traffic to the fast hotspot and the 3G path adds nothing (RFC 6356's
        // goal 1: no more than the best path); with it, 3G carries the 30 % of the time away from hotspots.
        var without = PairingGain(null);
        var with = PairingGain(HomeWorkMove);
        Assert.Equal(0, without, 6);
        Assert.True(with > without + 0.2, $"3G added to WLAN is worth {with} under mobility, {without} without");
    }
}
