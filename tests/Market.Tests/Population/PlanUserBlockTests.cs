using MarketSim.Market.Choice;
using MarketSim.Market.Population;
using MarketSim.Market.Providers;
using MarketSim.Market.Randomness;
using MarketSim.TestSupport;

namespace MarketSim.Market.Tests;

public class PlanUserBlockTests
{
    private static MarketView View(MarketSpec spec, MarketStructure structure, int tick, double mbps = 3)
        => new(tick, spec.Providers.Select(p => p.InitialPrice).ToArray(),
            NetworkBuilder.For(structure).EverySlot(mbps).Build());

    [Fact]
    public void Every_departure_has_one_cause_and_segments_count_every_user_once()
    {
        var spec = PlanMarkets.WithResellers(users: 2000);
        var structure = spec.BuildStructure();
        var block = UserBlock.Create(structure, spec.Population, new CounterRandom(5), 0, 2000);
        var departures = 0;
        for (var tick = 1; tick <= 6; tick++)
        {
            var outcome = block.Review(View(spec, structure, tick));
            for (var p = 0; p < structure.ProviderCount; p++)
                Assert.Equal(outcome.ChurnOut[p], Enumerable.Range(0, ChurnCauses.Count).Sum(c => outcome.ChurnOutByCause[p * ChurnCauses.Count + c]));
            Assert.Equal(2000, outcome.Segments.Users.Sum());
            Assert.Equal(outcome.CellCounts.Sum() - CountOutside(structure, outcome), outcome.Segments.Connected.Sum());
            departures += outcome.ChurnOut.Sum();
        }
        Assert.True(departures > 0);
    }

    [Fact]
    public void Users_leave_for_one_contract_multipath_plans_and_it_is_recorded_as_bundle_churn()
    {
        var spec = PlanMarkets.WithResellers(users: 3000);
        // Make the bundle line cheap: users holding 3G-A alone trade up to it.
        spec = spec with { Providers = spec.Providers.Select(p => p.Index == 4 ? p with { InitialPrice = 12 } : p).ToList() };
        var structure = spec.BuildStructure();
        var block = UserBlock.Create(structure, spec.Population, new CounterRandom(6), 0, 3000);
        var outcome = block.Review(View(spec, structure, 1));
        Assert.True(outcome.ChurnOutByCause[0 * ChurnCauses.Count + (int)ChurnCause.Bundle] > 0);
    }

    [Fact]
    public void MPTCP_capable_devices_grow_with_the_configured_adoption_and_never_go_back()
    {
        var spec = TestMarkets.ThreeIsps(users: 4000, mptcp: 0.2);
        spec = spec with { Population = spec.Population with { MptcpShareGrowth = 0.05 } };
        var block = UserBlock.Create(spec.BuildStructure(), spec.Population, new CounterRandom(7), 0, 4000);
        int Capable(int tick) => Enumerable.Range(0, 4000).Count(i => block.IsMptcpCapable(i, tick));
        Assert.InRange(Capable(0) / 4000.0, 0.17, 0.23);
        Assert.InRange(Capable(10) / 4000.0, 0.66, 0.74);
        Assert.Equal(4000, Capable(16));
        Assert.All(Enumerable.Range(0, 4000), i => Assert.True(!block.IsMptcpCapable(i, 3) || block.IsMptcpCapable(i, 4)));
    }

    private static int CountOutside(MarketStructure structure, BlockOutcome outcome)
        => Enumerable.Range(0, structure.Locations).Sum(l => outcome.CellCounts[structure.Cell(l, 0)]);
}
