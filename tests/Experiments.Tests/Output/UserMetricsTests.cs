using System.Security.Cryptography;
using DuckDB.NET.Data;
using MarketSim.Experiments.Config;
using MarketSim.Experiments.Output;
using MarketSim.Experiments.Running;
using MarketSim.Reports.Results;
using Parquet;

namespace MarketSim.Experiments.Tests.Output;

[Collection("actor runs")]
public class UserMetricsTests
{
    private static ExperimentConfig PerUser(int users, int ticks) => RunOutputTests.SmallBaseline(users, ticks) with { PerUserOutput = true };

    private static string Hash(string file) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));

    private static List<object[]> Query(string sql)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object[]>();
        while (reader.Read())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }
        return rows;
    }

    [Fact]
    public async Task The_users_file_has_one_row_per_user_and_month_read_back_by_DuckDB()
    {
        var output = await ExperimentRunner.RunAsync(PerUser(users: 2000, ticks: 8), TestFiles.NewFolder(), workers: 2);
        Assert.Equal(Path.Combine(output.Folder, UserMetricsTable.FileName), output.UsersFile);
        var row = Query($"SELECT count(*), count(DISTINCT user), min(user), max(user), count(DISTINCT tick), max(tick), min(run_id), " +
                        $"count(*) FILTER (WHERE (portfolio = 'none') <> (throughput_mbps IS NULL)), count(*) FILTER (WHERE portfolio = 'none' AND bill <> 0) " +
                        $"FROM read_parquet('{output.UsersFile}')").Single();
        Assert.Equal(2000L * 9, row[0]);
        Assert.Equal(2000L, row[1]);
        Assert.Equal(0L, row[2]);
        Assert.Equal(1999L, row[3]);
        Assert.Equal(9L, row[4]);
        Assert.Equal(8, row[5]);
        Assert.Equal("baseline-seed42", row[6]);
        Assert.Equal(0L, row[7]);   // a rate exactly for users holding an access
        Assert.Equal(0L, row[8]);   // no bill without one
        Assert.Equal(2000L * 9, output.UserRows);
    }

    [Fact]
    public async Task Users_per_provider_bills_and_shares_agree_with_the_aggregated_metrics_every_month()
    {
        var output = await ExperimentRunner.RunAsync(PerUser(users: 2500, ticks: 10), TestFiles.NewFolder(), workers: 2);
        string users = $"read_parquet('{output.UsersFile}')", metrics = $"read_parquet('{output.MetricsFile}')";
        // Subscribers: users whose portfolio label names the provider (labels join provider names with '+').
        var subscribers = Query($"""
            WITH held AS (SELECT tick, unnest(string_split(portfolio, '+')) AS provider FROM {users} WHERE portfolio <> 'none'),
                 counted AS (SELECT tick, provider, count(*) AS n FROM held GROUP BY tick, provider)
            SELECT count(*), count(*) FILTER (WHERE coalesce(counted.n, 0) <> m.subscribers)
            FROM {metrics} m LEFT JOIN counted USING (tick, provider)
            """).Single();
        Assert.Equal((long)output.Rows.Rows.Count, subscribers[0]);
        Assert.Equal(0L, subscribers[1]);
        // Bills add up to the providers' revenue; connected and multihomed users to the market shares.
        var mismatches = Query($"""
            WITH u AS (SELECT tick, sum(bill) AS billed, avg((portfolio <> 'none')::INT) AS connected, avg(contains(portfolio, '+')::INT) AS multihomed
                       FROM {users} GROUP BY tick),
                 m AS (SELECT tick, sum(revenue) AS revenue, any_value(connected_share) AS connected, any_value(multihomed_share) AS multihomed
                       FROM {metrics} GROUP BY tick)
            SELECT count(*), count(*) FILTER (WHERE abs(u.billed - m.revenue) > 1e-3 OR abs(u.connected - m.connected) > 1e-12
                                              OR abs(u.multihomed - m.multihomed) > 1e-12)
            FROM u JOIN m USING (tick)
            """).Single();
        Assert.Equal(11L, mismatches[0]);
        Assert.Equal(0L, mismatches[1]);
        // Every user holding an access gets a positive rate from the month's solve.
        var rates = Query($"SELECT count(*) FILTER (WHERE throughput_mbps <= 0) FROM {users}").Single();
        Assert.Equal(0L, rates[0]);
    }

    [Fact]
    public async Task Each_month_is_one_row_group()
    {
        var output = await ExperimentRunner.RunAsync(PerUser(users: 1200, ticks: 6), TestFiles.NewFolder(), workers: 2);
        await using var reader = await ParquetReader.CreateAsync(output.UsersFile!);
        Assert.Equal(7, reader.RowGroupCount);
        Assert.All(Enumerable.Range(0, 7), g => Assert.Equal(1200, reader.RowGroups[g].RowCount));
        Assert.Equal(["run_id", "tick", "user", "location", "mptcp_capable", "portfolio", "throughput_mbps", "bill"],
            reader.Schema.GetDataFields().Select(f => f.Name));
        // Rows in user order, although the run's blocks hold users by location.
        var user = reader.Schema.GetDataFields().Single(f => f.Name == "user");
        for (var g = 0; g < 7; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var ids = new long[group.RowCount];
            await group.ReadAsync<long>(user, ids);
            Assert.Equal(Enumerable.Range(0, 1200).Select(i => (long)i), ids);
        }
    }

    [Fact]
    public async Task The_users_file_is_byte_identical_at_one_and_two_workers_and_any_block_size()
    {
        var config = PerUser(users: 600, ticks: 5);
        var one = await ExperimentRunner.RunAsync(config, TestFiles.NewFolder(), workers: 1);
        var two = await ExperimentRunner.RunAsync(config, TestFiles.NewFolder(), workers: 2);
        var single = await ExperimentRunner.RunAsync(config with { BlockSize = 1 }, TestFiles.NewFolder(), workers: 2);
        var whole = await ExperimentRunner.RunAsync(config with { BlockSize = 1_000_000 }, TestFiles.NewFolder(), workers: 2);
        var hash = Hash(one.UsersFile!);
        Assert.Equal(hash, Hash(two.UsersFile!));
        Assert.Equal(hash, Hash(single.UsersFile!));
        Assert.Equal(hash, Hash(whole.UsersFile!));
    }

    [Fact]
    public async Task Per_user_output_leaves_the_metrics_file_unchanged_and_is_listed_in_the_manifest()
    {
        var off = RunOutputTests.SmallBaseline(users: 900, ticks: 5);
        var folder = TestFiles.NewFolder();
        var with = await ExperimentRunner.RunAsync(off with { PerUserOutput = true }, folder, workers: 2);
        var usersHash = Hash(with.UsersFile!);
        var metricsWith = Hash(with.MetricsFile);
        var manifest = RunManifest.Read(with.ManifestFile);
        Assert.Contains(UserMetricsTable.FileName, manifest.Files);
        Assert.Equal(900L * 6, manifest.RowCounts[UserMetricsTable.FileName]);
        Assert.NotEmpty(usersHash);

        // The same folder run again without it: same metrics bytes, and no per-user file (the earlier one is removed).
        var without = await ExperimentRunner.RunAsync(off, folder, workers: 2);
        Assert.Null(without.UsersFile);
        Assert.Equal(metricsWith, Hash(without.MetricsFile));
        Assert.False(File.Exists(Path.Combine(folder, UserMetricsTable.FileName)));
        var plain = RunManifest.Read(without.ManifestFile);
        Assert.DoesNotContain(UserMetricsTable.FileName, plain.Files);
        Assert.False(plain.RowCounts.ContainsKey(UserMetricsTable.FileName));
    }

    [Fact]
    public async Task A_cancelled_run_leaves_no_users_file_and_no_temporary_file()
    {
        var folder = TestFiles.NewFolder();
        using var cancel = new CancellationTokenSource();
        var run = ExperimentRunner.RunAsync(PerUser(users: 3000, ticks: 2000), folder, workers: 2, cancel.Token);
        // Wait until the temporary file (inside the run's staging folder) has months in it, then cancel mid-run.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!Directory.EnumerateFiles(folder, "*" + AtomicFile.TemporarySuffix, SearchOption.AllDirectories).Any(f => new FileInfo(f).Length > 100_000) && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.False(run.IsCompleted);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.False(File.Exists(Path.Combine(folder, UserMetricsTable.FileName)));
        Assert.Empty(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories));
    }
}
