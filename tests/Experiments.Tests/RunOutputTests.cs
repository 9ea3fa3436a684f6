using System.Security.Cryptography;
using DuckDB.NET.Data;
using MarketSim.Experiments.Config;
using MarketSim.Experiments.Output;
using MarketSim.Experiments.Running;
using MarketSim.Reports.Results;

namespace MarketSim.Experiments.Tests;

[Collection("actor runs")]
public class RunOutputTests
{
    /// <summary>The baseline, shrunk so a run takes a second or two.</summary>
    internal static ExperimentConfig SmallBaseline(int users = 3000, int ticks = 18)
    {
        var text = TestFiles.Baseline
            .Replace("count: 20000", $"count: {users}")
            .Replace("ticks: 60", $"ticks: {ticks}")
            .Replace("block_size: 2000", "block_size: 700");
        return ExperimentReader.Load(TestFiles.Write(text, "baseline.yaml"));
    }

    [Fact]
    public async Task Parquet_read_back_by_DuckDB_matches_the_rows_in_memory()
    {
        var config = SmallBaseline();
        var output = await ExperimentRunner.RunAsync(config, TestFiles.NewFolder(), workers: 2);
        var rows = output.Rows.Rows;

        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*), sum(subscribers)::BIGINT, sum(revenue), sum(churn_out)::BIGINT, count(DISTINCT provider), max(tick), min(run_id) " +
                              $"FROM read_parquet('{output.MetricsFile}')";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(rows.Count, reader.GetInt64(0));
        Assert.Equal(rows.Sum(r => (long)r.Subscribers), reader.GetInt64(1));
        Assert.Equal(rows.Sum(r => r.Revenue), reader.GetDouble(2), 1e-6 * rows.Sum(r => r.Revenue));
        Assert.Equal(rows.Sum(r => (long)r.ChurnOut), reader.GetInt64(3));
        Assert.Equal(3, reader.GetInt64(4));
        Assert.Equal(18, reader.GetInt32(5));
        Assert.Equal("baseline-seed42", reader.GetString(6));
    }

    [Fact]
    public async Task Same_seed_gives_byte_identical_parquet_at_one_and_two_workers_and_on_repeat()
    {
        var config = SmallBaseline(users: 2000, ticks: 12);
        string Hash(RunOutput o) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(o.MetricsFile)));
        var one = await ExperimentRunner.RunAsync(config, TestFiles.NewFolder(), workers: 1);
        var two = await ExperimentRunner.RunAsync(config, TestFiles.NewFolder(), workers: 2);
        var again = await ExperimentRunner.RunAsync(config, TestFiles.NewFolder(), workers: 2);
        Assert.Equal(Hash(one), Hash(two));
        Assert.Equal(Hash(two), Hash(again));
        var other = await ExperimentRunner.RunAsync(config with { Seed = 43 }, TestFiles.NewFolder(), workers: 2);
        Assert.NotEqual(Hash(one), Hash(other));
    }

    [Fact]
    public async Task A_run_writes_a_manifest_and_plots_with_text()
    {
        var config = SmallBaseline(users: 1500, ticks: 6);
        var folder = TestFiles.NewFolder();
        var output = await ExperimentRunner.RunAsync(config, folder, workers: 2);
        var manifest = RunManifest.Read(output.ManifestFile);
        Assert.Equal(config.SourceText, manifest.ExperimentContent);
        Assert.Equal(42UL, manifest.Seed);
        Assert.Equal(7 * 3, manifest.RowCounts[MarketMetricsTable.FileName]);
        Assert.True(manifest.FinishedUtc >= manifest.StartedUtc);
        foreach (var plot in new[] { "shares", "churn", "prices" })
        {
            Assert.True(new FileInfo(Path.Combine(folder, "plots", plot + ".png")).Length > 10_000);
            var svg = File.ReadAllText(Path.Combine(folder, "plots", plot + ".svg"));
            Assert.Contains("<text", svg);
            Assert.Contains("3G-A", svg);
            Assert.Contains("Month", svg);
        }
        var causes = File.ReadAllText(Path.Combine(folder, "plots", "churn_causes.svg"));
        Assert.All(new[] { "price", "performance", "bundle", "why users leave" }, word => Assert.Contains(word, causes));
        Assert.Contains(Path.Combine("plots", "churn_causes.png"), manifest.Files);
        Assert.Equal(7 * 4, manifest.RowCounts[SegmentMetricsTable.FileName]);
        Assert.Empty(Directory.EnumerateFiles(folder, "*" + AtomicFile.TemporarySuffix, SearchOption.AllDirectories));
    }
}

[CollectionDefinition("actor runs", DisableParallelization = true)]
public class ActorRunsCollection;
