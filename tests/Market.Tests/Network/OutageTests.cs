using MarketSim.Market.Choice;
using MarketSim.Market.Network;
using MarketSim.Market.Providers;
using MarketSim.Market.Randomness;
using MarketSim.TestSupport;

namespace MarketSim.Market.Tests.Network;

public class OutageTests
{
    private const int A = 0, B = 1, W = 2;
    private const double H = Outages.HoursPerMonth;

    private static MarketStructure Structure(double probabilityA = 0, double hoursA = 0, double probabilityB = 0, double hoursB = 0, bool networkWide = false)
    {
        var spec = TestMarkets.ThreeIsps();
        var providers = spec.Providers.ToArray();
        providers[A] = (IspSpec)providers[A] with { OutageProbability = probabilityA, OutageHours = hoursA, OutageNetworkWide = networkWide };
        providers[B] = (IspSpec)providers[B] with { OutageProbability = probabilityB, OutageHours = hoursB };
        return (spec with { Providers = providers }).BuildStructure();
    }

    private static Portfolio Holding(MarketStructure structure, params int[] sellers)
        => structure.Catalogue.All.Single(p => p.Providers.SequenceEqual(sellers));

    /// <summary>A month with the given (access, location, start hour, hours) outages.</summary>
    private static OutageMonth Month(MarketStructure structure, params (int Access, int Location, double Start, double Hours)[] outages)
    {
        var start = new double[structure.ProviderCount * structure.Locations];
        var hours = new double[start.Length];
        foreach (var o in outages)
        {
            start[o.Access * structure.Locations + o.Location] = o.Start;
            hours[o.Access * structure.Locations + o.Location] = o.Hours;
        }
        return new OutageMonth(structure, 1, start, hours);
    }

    /// <summary>A solved table with a distinct positive rate on every path that exists.</summary>
    private static ThroughputTable Solved(MarketStructure structure)
        => NetworkBuilder.For(structure).ExistingPaths((cell, slot) => 1 + 0.01 * cell + slot).Build();

    [Fact]
    public void A_month_long_outage_removes_exactly_the_single_homed_users_service_of_that_network_and_no_multipath_users()
    {
        var structure = Structure();
        var hotspot = Enumerable.Range(0, structure.Locations).First(l => structure.Covers(W, l));
        var month = Month(structure, (A, hotspot, 0, H));
        var solved = Solved(structure);
        var lived = month.Apply(solved);
        for (var l = 0; l < structure.Locations; l++)
        {
            foreach (var portfolio in structure.Catalogue.All)
            {
                var cell = structure.Cell(l, portfolio.Index);
                var existing = Enumerable.Range(0, portfolio.Paths.Count).Count(k => structure.PathExists(l, portfolio, k));
                var onlyOnA = existing > 0 && Enumerable.Range(0, portfolio.Paths.Count)
                    .All(k => !structure.PathExists(l, portfolio, k) || portfolio.Paths[k].Access == A);
                var lostService = l == hotspot && onlyOnA;
                Assert.Equal(lostService ? H : 0, month.DowntimeHours(l, portfolio));
                Assert.Equal(lostService, existing > 0 && lived.TotalMbps(cell, portfolio.Paths.Count) == 0);
                for (var slot = 0; slot < portfolio.Paths.Count; slot++)
                {
                    var expected = l == hotspot && portfolio.Paths[slot].Access == A ? 0 : solved.Mbps(cell, slot);
                    Assert.Equal(expected, lived.Mbps(cell, slot));
                }
            }
        }
        // The users this names: A's single-homed subscribers lose everything, A+B and A+W users keep their other path.
        Assert.Equal(H, month.DowntimeHours(hotspot, Holding(structure, A)));
        Assert.Equal(0, month.DowntimeHours(hotspot, Holding(structure, A, B)));
        Assert.Equal(0, month.DowntimeHours(hotspot, Holding(structure, A, W)));
        var dual = structure.Cell(hotspot, Holding(structure, A, B).Index);
        Assert.True(lived.TotalMbps(dual, 2) > 0);
    }

    [Fact]
    public void A_multipath_user_is_down_only_while_both_networks_are_down_counting_outages_that_wrap_round_the_month()
    {
        var structure = Structure();
        // A is out 100 h from hour 700 (to hour 70 of the same month, wrapping); B is out 50 h from hour 10 and 30 h more at no
        // other place: the two overlap on [10, 60), 50 h.
        var month = Month(structure, (A, 0, 700, 100), (B, 0, 10, 50));
        Assert.Equal(100, month.DowntimeHours(0, Holding(structure, A)), 9);
        Assert.Equal(50, month.DowntimeHours(0, Holding(structure, B)), 9);
        Assert.Equal(50, month.DowntimeHours(0, Holding(structure, A, B)), 9);
        var apart = Month(structure, (A, 0, 100, 100), (B, 0, 300, 50));
        Assert.Equal(0, apart.DowntimeHours(0, Holding(structure, A, B)), 9);
        Assert.Equal(0, month.DowntimeHours(0, structure.Catalogue[PortfolioCatalogue.Outside]));
    }

    [Fact]
    public void Drawn_outages_happen_as_often_and_cost_as_many_hours_as_the_expected_downtime_says()
    {
        var structure = Structure(probabilityA: 0.3, hoursA: 200, probabilityB: 0.2, hoursB: 100);
        var random = new CounterRandom(77);
        var single = Holding(structure, A);
        var dual = Holding(structure, A, B);
        const int months = 20_000;
        double singleSum = 0, dualSum = 0, dualSquares = 0;
        var out0 = 0;
        for (var t = 0; t < months; t++)
        {
            var month = Outages.Draw(structure, random, t);
            if (month.OutageHours(A, 0) > 0) out0++;
            Assert.Equal(0, month.LocationsOut(W));
            singleSum += month.DowntimeHours(0, single);
            var d = month.DowntimeHours(0, dual);
            dualSum += d;
            dualSquares += d * d;
        }
        // Independent references: the chance of an outage, p d for one network, H (p_A d_A / H)(p_B d_B / H) for two.
        Assert.InRange(out0 / (double)months, 0.3 - 4 * Math.Sqrt(0.3 * 0.7 / months), 0.3 + 4 * Math.Sqrt(0.3 * 0.7 / months));
        double expectedSingle = 0.3 * 200, expectedDual = H * (0.3 * 200 / H) * (0.2 * 100 / H);
        Assert.Equal(expectedSingle, structure.ExpectedDowntimeHours(0, single), 9);
        Assert.Equal(expectedDual, structure.ExpectedDowntimeHours(0, dual), 9);
        Assert.InRange(singleSum / months, expectedSingle - 4 * 200 * Math.Sqrt(0.21 / months), expectedSingle + 4 * 200 * Math.Sqrt(0.21 / months));
        double mean = dualSum / months, error = Math.Sqrt((dualSquares / months - mean * mean) / months);
        Assert.InRange(mean, expectedDual - 4 * error, expectedDual + 4 * error);
    }

    [Fact]
    public void A_network_wide_outage_takes_every_covered_location_at_once()
    {
        var structure = Structure(probabilityA: 0.5, hoursA: 24, networkWide: true);
        var random = new CounterRandom(5);
        var failures = 0;
        for (var t = 0; t < 200; t++)
        {
            var down = Outages.Draw(structure, random, t).LocationsOut(A);
            Assert.True(down == 0 || down == structure.Locations, $"month {t}: {down} locations down");
            if (down > 0) failures++;
        }
        Assert.InRange(failures, 60, 140);
    }

    [Fact]
    public void Markets_whose_networks_never_fail_expect_no_downtime_and_leaving_after_an_outage_is_an_outage_churn()
    {
        var structure = Structure();
        Assert.False(Outages.AnyCanFail(structure.Providers));
        Assert.Equal(0, structure.ExpectedDowntimeHours(0, Holding(structure, A)));
        var cause = ChurnCauses.Classify(Holding(structure, A), Holding(structure, B), new UtilityParts(10, 20, 0), new UtilityParts(10, 5, 0),
            structure, 0, downtimeHours: 12);
        Assert.Equal(ChurnCause.Outage, cause);
        var noOutage = ChurnCauses.Classify(Holding(structure, A), Holding(structure, B), new UtilityParts(10, 20, 0), new UtilityParts(10, 5, 0),
            structure, 0);
        Assert.Equal(ChurnCause.Price, noOutage);
    }
}
