using Akka.TestKit.Xunit2;
using MarketSim.Agents.Running;
using MarketSim.Market;
using MarketSim.Market.Network;
using MarketSim.Market.Providers;
using MarketSim.Transport;

namespace MarketSim.Agents.Tests;

/// <summary>Mobility in a whole run: WLAN users who spend time away from hotspots pair WLAN with 3G.</summary>
public class MobilityRunTests : TestKit
{
    /// <summary>A roomy 3G ISP and a WLAN ISP with fast hotspots everywhere, both cheap, MPTCP devices for all, prices fixed:
    /// a market where holding both is affordable, so what decides pairing is what the second access adds.</summary>
    private static MarketSpec Spec(Mobility? mobility)
    {
        var spec = new MarketSpec("mobility", Ticks: 10, Locations: 2, AllowMultihoming: true, Controller.Lia,
        [
            new IspSpec(new ProviderId(0), "A", Technology.Cellular3G, 200, 7.2, 0.12, 1, 0, 7.2, 2, 5, 0.4, new PricingRule.Fixed(), Tariff.Flat),
            new IspSpec(new ProviderId(1), "W", Technology.Wlan, 300, 20, 0.03, 1, 0, 20, 1, 3, 0.4, new PricingRule.Fixed(), Tariff.Flat),
        ],
        new PopulationSpec(600, 1.0, 0.25, 0.3, 20, 0.4, 1, 0.5, 1, 1, 0.5, 0.3, 0.2, 5, 0.5));
        return spec with { Population = spec.Population with { Mobility = mobility } };
    }

    private static readonly Mobility HomeAndStreet = new([new Place("home", 0.4, true), new Place("on the move", 0.6, false)]);

    private MemorySink Run(MarketSpec spec, int blockSize)
    {
        var sink = new MemorySink();
        MarketRunner.RunAsync(Sys, spec, 5, blockSize, sink).GetAwaiter().GetResult();
        Assert.True(sink.Completed);
        return sink;
    }

    /// <summary>Share of the WLAN ISP's subscribers who also hold 3G at the last month (the only pair of this market).</summary>
    private static double PairedShareOfWlan(MemorySink sink)
    {
        var last = sink.Market[^1];
        var wlan = sink.Rows.Single(r => r.Tick == last.Tick && r.Provider == 1).Subscribers;
        return (double)last.Multihomed / wlan;
    }

    [Fact]
    public void With_mobility_the_run_is_the_same_at_any_block_size()
    {
        var whole = Run(Spec(HomeAndStreet), 600);
        var small = Run(Spec(HomeAndStreet), 7);
        Assert.Equal(whole.Rows, small.Rows);
        Assert.Equal(whole.Market.Select(m => m.Multihomed), small.Market.Select(m => m.Multihomed));
    }

    [Fact]
    public void WLAN_users_pair_with_3G_more_when_they_are_away_from_hotspots()
    {
        var atHome = PairedShareOfWlan(Run(Spec(null), 600));
        var mobile = PairedShareOfWlan(Run(Spec(HomeAndStreet), 600));
        Assert.True(mobile > atHome + 0.05, $"share of WLAN subscribers who also hold 3G: {mobile:F3} with mobility, {atHome:F3} without");
    }
}
