using Akka.Actor;
using Akka.TestKit.Xunit2;
using MarketSim.Agents.Actors;
using MarketSim.Agents.Protocol;
using MarketSim.Agents.Recording;
using MarketSim.Agents.Running;
using MarketSim.Market.Accounting;
using MarketSim.Market.Choice;
using MarketSim.Market.Population;
using MarketSim.Market.Randomness;
using MarketSim.TestSupport;

namespace MarketSim.Agents.Tests;

public class ActorWiringTests : TestKit
{
    [Fact]
    public void A_provider_actor_bills_its_subscribers_and_replies_with_its_next_price()
    {
        var market = MarketRunTests.Spec(); // provider 0: markup rule, price 20, cost 5; mean price sensitivity 0.25
        var provider = Sys.ActorOf(ProviderActor.Props(market, index: 0, seed: 1));
        var demand = new ProviderDemand(Subscribers: 300, CarriedLines: 300, ChurnIn: 10, ChurnOut: 5, ChurnOutByCause: [3, 2, 0], MeanThroughputMbps: 2.5,
            Billed: 6000, WholesaleIn: 0, WholesaleOut: 0);
        provider.Tell(new ProviderProtocol.Settle(Tick: 4, Population: 1000, ConnectedShare: 0.8, Demand: demand, Prices: [20.0, 18.0, 10.0]));
        var settled = ExpectMsg<ProviderProtocol.Settled>();
        Assert.Equal(20.0 * 300, settled.Books.Revenue, 9);
        Assert.Equal((20.0 - 5) * 300, settled.Books.Profit, 9);
        var target = 5 + 1 / (0.25 * (1 - 0.3));
        Assert.Equal(20 + 0.3 * (target - 20), settled.NextPrice, 9);
    }

    [Fact]
    public void A_user_block_actor_reports_its_users_and_their_decisions()
    {
        // Every user reviews, and A's fee jumps to 10,000 a month: far above what any user values any portfolio at (the
        // throughput valuations are tens of money a month), so every holder of A drops it and nobody takes it up.
        var spec = MarketRunTests.Spec(users: 200);
        spec = spec with { Population = spec.Population with { ReviewProbability = 1 } };
        var structure = spec.BuildStructure();
        var block = Sys.ActorOf(UserBlockActor.Props(7, () => UserBlock.Create(structure, spec.Population, new CounterRandom(1), 0, 200)));
        block.Tell(new UserBlockProtocol.ReportInitialCounts());
        var initial = ExpectMsg<UserBlockProtocol.InitialCounts>();
        Assert.Equal(7, initial.BlockIndex);
        Assert.Equal(200, initial.Opening.CellCounts.Sum());
        var before = initial.Opening.Contracts;
        Assert.True(before[0] > 0, "A starts with subscribers");

        var everywhere5Mbps = NetworkBuilder.For(structure).EverySlot(5).Build();
        block.Tell(new UserBlockProtocol.ReviewContracts(new MarketView(1, [10_000.0, 18.0, 10.0], everywhere5Mbps)));
        var reviewed = ExpectMsg<UserBlockProtocol.ContractsReviewed>();
        Assert.Equal((1, 7), (reviewed.Tick, reviewed.BlockIndex));
        var after = reviewed.Outcome;
        Assert.Equal(200, after.Reviews);
        Assert.Equal(200, after.CellCounts.Sum());
        Assert.Equal(0, after.Contracts[0]);
        Assert.Equal(before[0], after.ChurnOut[0]);
        Assert.Equal(0, after.ChurnIn[0]);
        for (var p = 1; p < before.Count; p++)
            Assert.Equal(before[p] + after.ChurnIn[p] - after.ChurnOut[p], after.Contracts[p]);
        Assert.True(after.ChurnIn[1] + after.ChurnIn[2] > 0, "A's leavers who stay connected join B or W");
    }

    [Fact]
    public void A_user_block_actor_sends_its_users_states_only_when_asked()
    {
        var spec = MarketRunTests.Spec(users: 50);
        var structure = spec.BuildStructure();
        UserBlock Create() => UserBlock.Create(structure, spec.Population, new CounterRandom(1), 100, 50);
        Sys.ActorOf(UserBlockActor.Props(0, Create)).Tell(new UserBlockProtocol.ReportInitialCounts());
        Assert.Null(ExpectMsg<UserBlockProtocol.InitialCounts>().Users);
        Sys.ActorOf(UserBlockActor.Props(1, Create, reportUsers: true)).Tell(new UserBlockProtocol.ReportInitialCounts());
        var users = ExpectMsg<UserBlockProtocol.InitialCounts>().Users;
        Assert.NotNull(users);
        Assert.Equal(Enumerable.Range(100, 50), users.UserIds);
        Assert.Equal(50, users.Count);
    }

    [Fact]
    public void The_recorder_forwards_rows_to_its_sink_and_confirms_completion()
    {
        var sink = new MemorySink();
        var recorder = Sys.ActorOf(RecorderActor.Props(sink));
        var row = new ProviderTick(0, 0, 1, 0.1, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1);
        recorder.Tell(new RecorderProtocol.Record(new MarketTick(0, 10, 5, 1, 5000, double.NaN, 0, 1, 4, SegmentTally.Sum(UserSegment.Count, [])), [row, row]));
        recorder.Tell(new RecorderProtocol.Complete());
        Assert.Equal(2, ExpectMsg<RecorderProtocol.Completed>().Rows);
        Assert.True(sink.Completed);
        Assert.Equal(2, sink.Rows.Count);
        Assert.Single(sink.Market);
    }

    [Fact]
    public void A_failing_run_fails_its_task_instead_of_hanging()
    {
        var spec = MarketRunTests.Spec(users: 100, ticks: 3);
        var failing = new ThrowingSink();
        var error = Assert.ThrowsAny<Exception>(() => MarketRunner.RunAsync(Sys, spec, 1, 50, failing).WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult());
        Assert.Contains("disk full", error.Message);
    }

    private sealed class ThrowingSink : IMetricsSink
    {
        public void Append(MarketTick market, IReadOnlyList<ProviderTick> rows) => throw new IOException("disk full");

        public void Complete() { }
    }
}
