using MarketSim.Experiments.Sweeps;
using MarketSim.Reports.Results;

namespace MarketSim.Experiments.Tests.Sweeps;

public class SweepReaderTests
{
    [Fact]
    public void The_flagship_plans_every_point_policy_and_replication()
    {
        var plan = SweepReader.Load(Repository.File("experiments/flat-vs-performance.yaml"));
        Assert.Equal(2 * 2 * 6, plan.Runs.Count);
        Assert.Equal(["flat", "performance"], plan.Policies);
        Assert.Equal("users.mptcp_share", Assert.Single(plan.Parameters).Path);
        Assert.Equal([0.2, 0.6], plan.Runs.Select(r => r.Config.Market.Population.MptcpShare).Distinct());
        var performance = plan.Runs.First(r => r.Policy == "performance").Config.Market.Providers;
        Assert.All(performance, p => Assert.Equal(0.6, p.Tariff.Rebate));
        Assert.All(plan.Runs.First(r => r.Policy == "flat").Config.Market.Providers, p => Assert.Equal(0, p.Tariff.Rebate));
        Assert.Equal(plan.Runs.Count, plan.Runs.Select(r => r.RunId).Distinct().Count());
    }

    [Fact]
    public void Replication_r_has_the_same_seed_in_every_point_and_policy_and_replications_differ()
    {
        var plan = SweepReader.Load(Repository.File("experiments/flat-vs-performance.yaml"));
        foreach (var group in plan.Runs.GroupBy(r => r.Replication))
            Assert.Single(group.Select(r => r.Seed).Distinct());
        Assert.Equal(6, plan.Runs.Select(r => r.Seed).Distinct().Count());
    }

    public static TheoryData<string, string, string> BadSweeps => new()
    {
        { SweepFiles.Flagship.Replace("replications: 6", "replications: 6\n  repetitions: 3"), "sweep.repetitions", "unknown key" },
        { SweepFiles.Flagship.Replace("mptcp_share: [0.2, 0.6]", "mptcp_share: []"), "users.mptcp_share", "empty sweep list" },
        { SweepFiles.Flagship.Replace("design: grid", "design: sobol\n  samples: 6"), "sweep.samples", "power of two" },
        { SweepFiles.Flagship.Replace("design: grid", "design: latin_hypercube\n  samples: 8").Replace("[0.2, 0.6]", "[0.6, 0.2]"), "users.mptcp_share", "bounds reversed" },
        { SweepFiles.Flagship.Replace("performance_rebate\": 0.6", "performance_rebat\": 0.6"), "providers[0].tariff.performance_rebat", "does not have" },
        { SweepFiles.Flagship.Replace("mptcp_share: [0.2, 0.6]", "mptcp_share: [0.2, 1.6]"), "users.mptcp_share", "out of range" },
        { SweepFiles.Flagship.Replace("design: grid", "design: factorial"), "sweep.design", "grid, random, latin_hypercube, sobol" },
    };

    [Theory]
    [MemberData(nameof(BadSweeps))]
    public void A_bad_sweep_file_names_line_key_and_fix(string text, string key, string words)
    {
        var path = TestFiles.Write(text, "sweep.yaml");
        var error = Assert.Throws<ConfigException>(() => SweepReader.Load(path));
        Assert.Equal(key, error.Key);
        Assert.True(error.Line > 0, error.Message);
        Assert.Contains(words, error.Message);
        Assert.StartsWith(path + ":", error.Message);
    }
}
