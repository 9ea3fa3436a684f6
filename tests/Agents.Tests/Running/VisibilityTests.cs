using Akka.TestKit.Xunit2;
using MarketSim.Agents.Running;
using MarketSim.Market;
using MarketSim.Market.Providers;
using MarketSim.TestSupport;

namespace MarketSim.Agents.Tests;

/// <summary>The paper's feedback loop: multihoming makes bad performance visible, and visible performance drives churn.</summary>
public class VisibilityTests : TestKit
{
    private const int Isp = 1;

    /// <summary>Customers ISP B loses because its capacity was cut: its final subscribers with normal cells minus
    /// with cut cells, everything else (users, draws, prices) the same.</summary>
    private int CustomersLostToTheCut(MarketSpec world)
    {
        int FinalSubscribers(double capacity)
        {
            var spec = world with { Providers = world.Providers.Select(p => p is IspSpec isp && p.Index == Isp ? isp with { CellCapacityMbps = capacity } : p).ToList() };
            var sink = new MemorySink();
            MarketRunner.RunAsync(Sys, spec, 11, 1000, sink).GetAwaiter().GetResult();
            return sink.Rows.Last(r => r.Provider == Isp).Subscribers;
        }

        return FinalSubscribers(((IspSpec)world.Providers[Isp]).CellCapacityMbps) - FinalSubscribers(8);
    }

    [Fact]
    public void An_ISP_with_cut_capacity_loses_more_customers_when_users_are_multihomed()
    {
        // Users judge an ISP they do not hold by their own experience (no published rankings), so only a
        // multihomed user, who sees both accesses side by side, can tell that ISP B became slow.
        // Light load (few active users per cell), users who value speed and cheap second accesses: a market where
        // many users multihome and a cut is felt.
        var world = MarketRunTests.Market(users: 4000, ticks: 24).Locations(20)
            .WithEach(p => p.Pricing(new PricingRule.Fixed()).Fee(5))
            .Users(PopulationBuilder.Typical(4000).Mptcp(1).PublicInformation(0).Activity(0.05).ThroughputValue(20, spread: 0.4))
            .Build();
        var multihomed = CustomersLostToTheCut(world);
        var singleHomed = CustomersLostToTheCut(world with { AllowMultihoming = false });
        Assert.True(multihomed > 0, $"the cut cost B {multihomed} customers when users multihome");
        Assert.True(multihomed > 1.5 * singleHomed, $"multihomed world lost {multihomed} to the cut, single-homed world {singleHomed}");
    }
}
