using MarketSim.Cluster;
using MarketSim.Experiments.Games;
using MarketSim.Experiments.Sweeps;
using MarketSim.Experiments.Tests.Sweeps;

namespace MarketSim.Experiments.Tests.Cluster;

/// <summary>A deviation-following game search on two worker nodes: its rounds are successive batches of one session.</summary>
[Collection("actor runs")]
public class ClusterGameTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    /// <summary>Three firms of the logit market, three fixed fees each: 27 profiles, too many for the first round's
    /// neighbourhoods of the three diagonal starts (21), so the search needs further rounds.</summary>
    private static string ThreeFirmGame()
    {
        string firm(int i) => $"  - {{ name: firm-{i + 1}, technology: 3g, cell_capacity_mbps: 1000000, peak_rate_mbps: 10, rtt_ms: 100, quality: 2, marginal_cost: 1, price: 1.5, initial_share: 0.25 }}\n";
        string player(int i) => $"    firm-{i + 1}:\n"
            + $"      low: {{ \"providers[{i}].price\": 1.3 }}\n"
            + $"      mid: {{ \"providers[{i}].price\": 1.6 }}\n"
            + $"      high: {{ \"providers[{i}].price\": 2.2 }}\n";
        return "name: three-firms\nseed: 5\nticks: 3\nlocations: 1\nblock_size: 600\nmultihoming: false\n"
            + "users:\n  count: 600\n  price_sensitivity: 4.0\n  review_probability: 1.0\n"
            + "providers:\n" + firm(0) + firm(1) + firm(2)
            + "game:\n  replications: 2\n  search: deviations\n  payoff: mean_monthly_profit\n  from_month: 2\n  to_month: 3\n  players:\n"
            + player(0) + player(1) + player(2);
    }

    [Fact]
    public async Task A_deviation_search_on_two_worker_nodes_makes_the_runs_of_a_local_one_over_several_rounds()
    {
        var plan = GameReader.Load(TestFiles.Write(ThreeFirmGame(), "game.yaml"));
        Assert.Equal(GameSearch.Deviations, plan.Search);
        string local = TestFiles.NewFolder(), clustered = TestFiles.NewFolder();
        var expected = await GameRunner.RunAsync(plan, local, (sweep, resume) => SweepRunner.RunAsync(sweep, local, 2, resume, new SilentProgress()), resume: false);

        var address = new ClusterAddress("127.0.0.1", ClusterSweepTests.FreePort());
        var buffer = new StringWriter();
        var log = TextWriter.Synchronized(buffer);
        using var timeout = new CancellationTokenSource(Limit);
        var rounds = 0;
        GameResult result;
        Task<NodeExit>[] nodes;
        var session = ClusterSession.Start(address, "127.0.0.1", log);
        await using (session)
        {
            nodes = [ClusterNode.RunAsync(address, "127.0.0.1", 0, 1, log, timeout.Token), ClusterNode.RunAsync(address, "127.0.0.1", 0, 1, log, timeout.Token)];
            result = await GameRunner.RunAsync(plan, clustered, (sweep, resume) =>
            {
                rounds++;
                return ClusterSweep.RunAsync(session, sweep, clustered, resume, new SilentProgress(), timeout.Token);
            }, resume: false, timeout.Token);
        }
        var exits = await Task.WhenAll(nodes);

        Assert.True(rounds >= 2, $"{rounds} round(s): the test game must need several");
        Assert.True(result.Payoffs.Profiles.Count() < plan.Space.Count, "a deviation search runs only some profiles");
        Assert.Equal(expected.Payoffs.Profiles, result.Payoffs.Profiles);
        Assert.Equal(SweepRunnerTests.Hashes(local), SweepRunnerTests.Hashes(clustered));
        Assert.Equal(expected.RunsMadeNow, result.RunsMadeNow);
        Assert.All(exits, e => Assert.True(e.Success, e.Reason + "\n" + buffer));
    }
}
