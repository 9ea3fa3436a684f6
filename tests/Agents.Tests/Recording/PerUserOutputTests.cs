using Akka.TestKit.Xunit2;
using MarketSim.Agents.Recording;
using MarketSim.Agents.Running;
using MarketSim.Market;
using MarketSim.Market.Accounting;
using MarketSim.Market.Population;
using MarketSim.Market.Providers;

namespace MarketSim.Agents.Tests;

/// <summary>Per-user output through the actors: every user every tick, in user order, agreeing with the aggregates.</summary>
public class PerUserOutputTests : TestKit
{
    /// <summary>Keeps, per tick, each user's portfolio and bill, and checks the calls come one at a time.</summary>
    private sealed class RecordingUserSink : IUserSink
    {
        private int busy;

        public List<int> Ticks { get; } = [];
        public List<long[]> Users { get; } = [];
        public List<int[]> Portfolios { get; } = [];
        public List<double[]> Bills { get; } = [];
        public bool Completed { get; private set; }
        public Func<int, Task> Delay { get; init; } = _ => Task.CompletedTask;

        public async Task AppendAsync(int tick, IReadOnlyList<UserStates> blocksInOrder, ThroughputTable throughput)
        {
            if (Interlocked.Exchange(ref busy, 1) != 0) throw new InvalidOperationException("two appends at once");
            await Delay(tick);
            Ticks.Add(tick);
            Users.Add(blocksInOrder.SelectMany(b => b.UserIds).Select(i => (long)i).ToArray());
            Portfolios.Add(blocksInOrder.SelectMany(b => b.Portfolios).ToArray());
            Bills.Add(blocksInOrder.SelectMany(b => b.Bills).ToArray());
            Volatile.Write(ref busy, 0);
        }

        public Task CompleteAsync()
        {
            Completed = true;
            return Task.CompletedTask;
        }
    }

    /// <summary>Counts market rows as they arrive, readable from the test thread.</summary>
    private sealed class CountingSink : IMetricsSink
    {
        private int ticks;

        public int Ticks => Volatile.Read(ref ticks);

        public void Append(MarketTick market, IReadOnlyList<ProviderTick> providers) => Interlocked.Increment(ref ticks);

        public void Complete() { }
    }

    private (MemorySink Rows, RecordingUserSink Users) Run(MarketSpec spec, ulong seed, int blockSize)
    {
        var rows = new MemorySink();
        var users = new RecordingUserSink();
        MarketRunner.RunAsync(Sys, spec, seed, blockSize, rows, users).GetAwaiter().GetResult();
        return (rows, users);
    }

    [Fact]
    public void Every_user_is_recorded_once_every_tick_including_month_zero()
    {
        var spec = MarketRunTests.Spec(users: 700, ticks: 5);
        var (_, users) = Run(spec, 1, 150);
        Assert.True(users.Completed);
        Assert.Equal(Enumerable.Range(0, 6), users.Ticks);
        // Blocks hold users by location (the Parquet table puts each at the row of its id): every user once.
        Assert.All(users.Users, ids => Assert.Equal(Enumerable.Range(0, 700).Select(i => (long)i), ids.Order()));
    }

    [Fact]
    public void Users_per_provider_match_the_recorded_subscribers_and_bills_the_revenue()
    {
        var spec = MarketRunTests.Spec(users: 900, ticks: 6);
        var structure = spec.BuildStructure();
        var (rows, users) = Run(spec, 2, 200);
        for (var t = 0; t <= spec.Ticks; t++)
        {
            Assert.Equal(spec.Providers.Count, rows.Rows.Count(r => r.Tick == t));
            foreach (var provider in rows.Rows.Where(r => r.Tick == t))
            {
                var holders = users.Portfolios[t].Count(o => structure.Catalogue[o].Holds(provider.Provider));
                Assert.Equal(provider.Subscribers, holders);
            }
            var revenue = rows.Rows.Where(r => r.Tick == t).Sum(r => r.Revenue);
            Assert.Equal(revenue, users.Bills[t].Sum(), 1e-6 * 900);
        }
    }

    [Fact]
    public void Block_size_does_not_change_the_users_recorded()
    {
        var spec = MarketRunTests.Spec(users: 400, ticks: 4);
        var (_, one) = Run(spec, 3, 400);
        var (_, many) = Run(spec, 3, 1);
        Assert.Equal(one.Portfolios, many.Portfolios);
        Assert.Equal(one.Bills, many.Bills);
    }

    [Fact]
    public async Task Without_a_user_sink_the_aggregated_rows_are_unchanged()
    {
        var spec = MarketRunTests.Spec(users: 500, ticks: 4);
        var plain = new MemorySink();
        await MarketRunner.RunAsync(Sys, spec, 4, 100, plain);
        var (withUsers, _) = Run(spec, 4, 100);
        Assert.Equal(plain.Rows, withUsers.Rows);
        Assert.Equal(plain.Market, withUsers.Market);
    }

    [Fact]
    public async Task A_slow_user_sink_holds_the_clock_back_so_at_most_two_ticks_of_users_wait()
    {
        // Tick 1's write is stuck: the clock may finish tick 2 (its users wait in the clock) but must not start tick 3.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var users = new RecordingUserSink { Delay = tick => tick == 1 ? gate.Task : Task.CompletedTask };
        var rows = new CountingSink();
        var run = MarketRunner.RunAsync(Sys, MarketRunTests.Spec(users: 300, ticks: 6), 5, 100, rows, users);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (rows.Ticks < 3 && DateTime.UtcNow < deadline) await Task.Delay(20);
        await Task.Delay(500);
        Assert.Equal(3, rows.Ticks);
        Assert.False(run.IsCompleted);
        gate.SetResult();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(7, rows.Ticks);
        Assert.Equal(Enumerable.Range(0, 7), users.Ticks);
    }

    [Fact]
    public async Task A_failing_user_sink_fails_the_run()
    {
        var users = new RecordingUserSink { Delay = tick => tick == 2 ? Task.FromException(new IOException("disk full")) : Task.CompletedTask };
        var run = MarketRunner.RunAsync(Sys, MarketRunTests.Spec(users: 200, ticks: 4), 1, 50, new MemorySink(), users);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("disk full", error.Message);
    }
}
