using DuckDB.NET.Data;
using MarketSim.Experiments.Output;
using MarketSim.Experiments.Running;
using MarketSim.Experiments.Sweeps;

namespace MarketSim.Experiments.Tests.UseCases;

/// <summary>The six use cases of the paper as experiment files: each plans, runs (shrunk) and keeps its books.</summary>
[Collection("actor runs")]
public class UseCaseExperimentTests
{
    private static readonly string[] FileNames = Directory.GetFiles(Repository.File("experiments/use-cases"), "*.yaml")
        .Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();

    public static TheoryData<string> Files => new(FileNames);

    [Fact]
    public void Every_use_case_of_the_paper_has_an_experiment()
        => Assert.Equal(["1a-isp-proxy.yaml", "1b-vmpo-proxy.yaml", "2a-isp-bundle.yaml", "2b-dual-line.yaml", "3a-multihoming.yaml", "3b-vmpo-disjoint.yaml"],
            FileNames);

    [Theory]
    [MemberData(nameof(Files))]
    public async Task A_use_case_plans_two_policies_and_its_shrunk_runs_keep_their_books(string file)
    {
        var plan = SweepReader.Load(Repository.File($"experiments/use-cases/{file}"));
        Assert.Equal(2, plan.Policies.Count);
        foreach (var policy in plan.Policies)
        {
            var run = plan.Runs.First(r => r.Policy == policy);
            var market = run.Config.Market with { Ticks = 6, Population = run.Config.Market.Population with { Users = 1500 } };
            // Market invariants (users, money between providers, causes of churn, profit = books) are checked every tick
            // inside the run and throw on any breach.
            var output = await ExperimentRunner.RunAsync(run.Config with { Market = market }, TestFiles.NewFolder(), workers: 2);
            Assert.Equal(7 * market.Providers.Count, output.Rows.Rows.Count);
        }
    }

    [Fact]
    public async Task What_a_VMPO_pays_its_ISPs_is_what_they_receive_in_the_parquet_file()
    {
        var plan = SweepReader.Load(Repository.File("experiments/use-cases/3b-vmpo-disjoint.yaml"));
        var run = plan.Runs.First(r => r.Policy == "vmpo");
        var market = run.Config.Market with { Ticks = 8, Population = run.Config.Market.Population with { Users = 3000 } };
        var output = await ExperimentRunner.RunAsync(run.Config with { Market = market }, TestFiles.NewFolder(), workers: 2);

        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT tick, sum(wholesale_out) FILTER (WHERE kind = 'vmpo'), sum(wholesale_in) FILTER (WHERE kind <> 'vmpo'), " +
                              "max(subscribers) FILTER (WHERE kind = 'vmpo'), sum(wholesale_in) FILTER (WHERE provider = '3G-B') " +
                              $"FROM read_parquet('{output.MetricsFile}') GROUP BY tick ORDER BY tick";
        using var reader = command.ExecuteReader();
        var ticks = 0;
        while (reader.Read())
        {
            ticks++;
            Assert.Equal(reader.GetDouble(1), reader.GetDouble(2), 6);
            Assert.True(reader.GetInt32(3) == 0 || reader.GetDouble(1) > 0, "a VMPO with subscribers pays wholesale");
            Assert.Equal(0, reader.GetDouble(4));   // 3G-B is not in the VMPO's plan
        }
        Assert.Equal(9, ticks);
        Assert.True(output.Rows.Rows.Last(r => r.Provider == 3).Subscribers > 0, "the VMPO won customers");
    }

    [Fact]
    public async Task Segment_metrics_count_every_user_once_per_month_and_DuckDB_reads_them()
    {
        var config = RunOutputTests.SmallBaseline(users: 2000, ticks: 6);
        var output = await ExperimentRunner.RunAsync(config, TestFiles.NewFolder(), workers: 2);
        var file = Path.Combine(output.Folder, SegmentMetricsTable.FileName);
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT tick, sum(users)::BIGINT, count(*), sum(users * connected_share), count(consumer_surplus) " +
                              $"FROM read_parquet('{file}') GROUP BY tick ORDER BY tick";
        using var reader = command.ExecuteReader();
        var tick = 0;
        while (reader.Read())
        {
            Assert.Equal(tick, reader.GetInt32(0));
            Assert.Equal(2000, reader.GetInt64(1));
            Assert.Equal(4, reader.GetInt64(2));
            var market = output.Rows.Market[tick];
            Assert.Equal(market.Connected, reader.GetDouble(3), 6);
            Assert.Equal(tick == 0 ? 0 : 4, reader.GetInt64(4));   // no surplus before the first review
            tick++;
        }
        Assert.Equal(7, tick);
    }
}
