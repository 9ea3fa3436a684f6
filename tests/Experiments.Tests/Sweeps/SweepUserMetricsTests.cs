using System.Security.Cryptography;
using DuckDB.NET.Data;
using MarketSim.Cluster;
using MarketSim.Experiments.Sweeps;
using MarketSim.Experiments.Tests.Cluster;
using MarketSim.Reports.Results;

namespace MarketSim.Experiments.Tests.Sweeps;

/// <summary>Per-user output inside sweeps: one file per run under user_metrics/, deterministic and resumable.</summary>
[Collection("actor runs")]
public class SweepUserMetricsTests
{
    private const int Users = 1200, Ticks = 5;

    private static string PerUserSweep(int replications = 1) => SweepFiles.Tiny(replications, Users, Ticks)
        .Replace("multihoming: true", "multihoming: true\nper_user_output: true", StringComparison.Ordinal);

    private static Dictionary<string, string> UserHashes(string folder) => Directory
        .EnumerateFiles(Path.Combine(folder, SweepManifest.UsersFolder), "*.parquet")
        .ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    private static long Rows(string file)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM read_parquet('{file}')";
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task Every_run_gets_its_own_users_file_identical_at_one_and_two_workers()
    {
        var plan = SweepReader.Load(TestFiles.Write(PerUserSweep(), "sweep.yaml"));
        string one = TestFiles.NewFolder(), two = TestFiles.NewFolder();
        await SweepRunner.RunAsync(plan, one, 1, false, new SilentProgress());
        await SweepRunner.RunAsync(plan, two, 2, false, new SilentProgress());
        var hashes = UserHashes(one);
        Assert.Equal(plan.Runs.Select(r => r.RunId + ".parquet").Order(), hashes.Keys.Order());
        Assert.Equal(hashes, UserHashes(two));
        foreach (var entry in SweepManifest.Read(one).Runs)
        {
            Assert.Equal(Path.Combine(SweepManifest.UsersFolder, entry.RunId + ".parquet"), entry.UsersFile);
            Assert.Equal((long)Users * (Ticks + 1), Rows(Path.Combine(one, entry.UsersFile!)));
        }
        // runs/ keeps only run files: one schema for a runs/*.parquet glob.
        Assert.Equal(plan.Runs.Count, Directory.EnumerateFiles(Path.Combine(one, SweepManifest.RunsFolder)).Count());
    }

    [Fact]
    public async Task Run_files_are_the_same_with_and_without_per_user_output_and_without_it_there_is_no_users_file()
    {
        var with = SweepReader.Load(TestFiles.Write(PerUserSweep(), "sweep.yaml"));
        var without = SweepReader.Load(TestFiles.Write(SweepFiles.Tiny(1, Users, Ticks), "sweep.yaml"));
        string a = TestFiles.NewFolder(), b = TestFiles.NewFolder();
        await SweepRunner.RunAsync(with, a, 2, false, new SilentProgress());
        await SweepRunner.RunAsync(without, b, 2, false, new SilentProgress());
        Assert.Equal(SweepRunnerTests.Hashes(a), SweepRunnerTests.Hashes(b));
        Assert.False(Directory.Exists(Path.Combine(b, SweepManifest.UsersFolder)));
        Assert.DoesNotContain("users_file", File.ReadAllText(Path.Combine(b, SweepManifest.FileName)));
        Assert.All(SweepManifest.Read(b).Runs, r => Assert.Null(r.UsersFile));
    }

    [Fact]
    public async Task Resume_remakes_a_lost_run_with_its_users_file_and_ends_identical()
    {
        var plan = SweepReader.Load(TestFiles.Write(PerUserSweep(), "sweep.yaml"));
        string reference = TestFiles.NewFolder(), interrupted = TestFiles.NewFolder();
        await SweepRunner.RunAsync(plan, reference, 2, false, new SilentProgress());
        await SweepRunner.RunAsync(plan, interrupted, 2, false, new SilentProgress());
        // A crash while the run streamed its users: no run file, a half-written temporary users file.
        var lost = plan.Runs[1];
        File.Delete(SweepRunner.RunFile(Path.Combine(interrupted, SweepManifest.RunsFolder), lost));
        File.Delete(SweepRunner.UsersFile(interrupted, lost));
        File.WriteAllText(Path.Combine(interrupted, SweepManifest.UsersFolder, $".{lost.RunId}.parquet.1.abc{AtomicFile.TemporarySuffix}"), "half");

        var result = await SweepRunner.RunAsync(plan, interrupted, 2, resume: true, new SilentProgress());
        Assert.Equal(1, result.RanNow);
        Assert.Equal(UserHashes(reference), UserHashes(interrupted));
        Assert.Equal(SweepRunnerTests.Hashes(reference), SweepRunnerTests.Hashes(interrupted));
        Assert.Empty(Directory.EnumerateFiles(interrupted, "*" + AtomicFile.TemporarySuffix, SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_sweep_of_another_file_is_refused_and_leaves_the_previous_users_files()
    {
        var folder = TestFiles.NewFolder();
        await SweepRunner.RunAsync(SweepReader.Load(TestFiles.Write(PerUserSweep(), "sweep.yaml")), folder, 2, false, new SilentProgress());
        var before = Directory.GetFiles(Path.Combine(folder, SweepManifest.UsersFolder)).Order().ToList();
        var other = SweepReader.Load(TestFiles.Write(SweepFiles.Tiny(1, Users, Ticks), "sweep.yaml"));
        var error = await Assert.ThrowsAsync<ConfigException>(() => SweepRunner.RunAsync(other, folder, 2, false, new SilentProgress()));
        Assert.Contains("another file", error.Message);
        Assert.Equal(before, Directory.GetFiles(Path.Combine(folder, SweepManifest.UsersFolder)).Order().ToList());
    }

    [Fact]
    public async Task A_fresh_sweep_of_the_same_file_replaces_the_users_files_it_recorded()
    {
        var folder = TestFiles.NewFolder();
        var plan = SweepReader.Load(TestFiles.Write(PerUserSweep(), "sweep.yaml"));
        await SweepRunner.RunAsync(plan, folder, 2, false, new SilentProgress());
        var first = Directory.GetFiles(Path.Combine(folder, SweepManifest.UsersFolder)).Order().Select(File.ReadAllBytes).ToList();
        var result = await SweepRunner.RunAsync(plan, folder, 2, false, new SilentProgress());
        Assert.Equal(plan.Runs.Count, result.RanNow);
        Assert.Equal(first, Directory.GetFiles(Path.Combine(folder, SweepManifest.UsersFolder)).Order().Select(File.ReadAllBytes).ToList());
    }

    [Fact]
    public async Task A_cluster_sweep_refuses_per_user_output_before_writing_anything()
    {
        var text = PerUserSweep();
        var file = TestFiles.Write(text, "sweep.yaml");
        var plan = SweepReader.Load(file);
        var folder = Path.Combine(TestFiles.NewFolder(), "out");
        var error = await Assert.ThrowsAsync<ConfigException>(() => ClusterSweep.RunAsync(plan, folder, false,
            new ClusterAddress("127.0.0.1", ClusterSweepTests.FreePort()), "127.0.0.1", new SilentProgress(), TextWriter.Null));
        Assert.Equal("per_user_output", error.Key);
        Assert.Equal(Yaml.LineOf(text, "per_user_output"), error.Line);
        Assert.Contains("cluster", error.Message);
        Assert.False(Directory.Exists(folder));
    }
}
