using Akka.TestKit.Xunit2;
using MarketSim.Agents.Running;
using MarketSim.Market;
using MarketSim.Market.Dynamics;

namespace MarketSim.Agents.Tests;

/// <summary>The market's dynamics (outages, travelling information, Bass adoption with feedback) in a whole run.</summary>
public class MechanismRunTests : TestKit
{
    private static MarketSpec WithEverything(double valueFeedback = 4)
    {
        var spec = MarketRunTests.Market(users: 600, ticks: 8)
            .With("A", a => a.Outages(probability: 0.5, hours: 200))
            .With("B", b => b.Outages(probability: 0.3, hours: 100, networkWide: true))
            .Build();
        return spec with
        {
            Population = spec.Population with
            {
                DowntimeCost = 0.05,
                Information = new InformationSpec(CrowdHalfUsers: 10, ContactRate: 1, Decay: 0.1),
                Adoption = new BassDiffusion(0.4, 0.01, 0.2, valueFeedback),
            },
        };
    }

    private MemorySink Run(MarketSpec spec, ulong seed, int blockSize)
    {
        var sink = new MemorySink();
        MarketRunner.RunAsync(Sys, spec, seed, blockSize, sink).GetAwaiter().GetResult();
        Assert.True(sink.Completed);
        return sink;
    }

    [Fact]
    public void With_every_mechanism_on_the_run_is_the_same_at_any_block_size()
    {
        var spec = WithEverything();
        var whole = Run(spec, 9, 600);
        var single = Run(spec, 9, 1);
        Assert.Equal(whole.Rows, single.Rows);
        Assert.Equal(whole.Market.Select(m => m.MptcpCapable), single.Market.Select(m => m.MptcpCapable));
    }

    [Fact]
    public void Outages_show_in_the_books_and_their_victims_leave_for_the_outage()
    {
        var rows = Run(WithEverything(), 9, 200).Rows;
        Assert.Contains(rows, r => r.Provider == 0 && r.OutageLocations > 0);
        Assert.All(rows.Where(r => r.Provider == 1), r => Assert.True(r.OutageLocations == 0 || r.OutageLocations == 5));
        Assert.Contains(rows, r => r.Provider == 1 && r.OutageLocations == 5); // B's network-wide outage takes all 5 locations at once
        Assert.All(rows.Where(r => r.Provider == 2), r => Assert.Equal(0, r.OutageLocations));
        Assert.True(rows.Sum(r => r.ChurnOutOutage) > 0, "some departures follow an outage");
    }

    [Fact]
    public void Imitation_that_responds_to_what_multipath_users_gain_spreads_devices_faster()
    {
        var plain = Run(WithEverything(valueFeedback: 0), 9, 200).Market;
        var responsive = Run(WithEverything(valueFeedback: 4), 9, 200).Market;
        var bass = new BassDiffusion(0.4, 0.01, 0.2);
        // Without feedback the capable share follows the closed form, user by user (each device turns once the share passes its draw).
        Assert.InRange(plain[^1].MptcpCapable / 600.0, bass.ShareAt(8) - 0.07, bass.ShareAt(8) + 0.07);
        Assert.True(responsive[^1].MptcpCapable > plain[^1].MptcpCapable,
            $"with feedback {responsive[^1].MptcpCapable} capable users, without {plain[^1].MptcpCapable}");
        Assert.All(responsive.Zip(plain), pair => Assert.True(pair.First.MptcpCapable >= pair.Second.MptcpCapable));
    }
}
