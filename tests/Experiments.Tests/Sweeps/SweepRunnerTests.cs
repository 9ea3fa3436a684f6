using System.Security.Cryptography;
using MarketSim.Experiments.Output;
using MarketSim.Experiments.Sweeps;

namespace MarketSim.Experiments.Tests.Sweeps;

[Collection("actor runs")]
public class SweepRunnerTests
{
    internal static Dictionary<string, string> Hashes(string folder) => Directory
        .EnumerateFiles(Path.Combine(folder, SweepManifest.RunsFolder), "*.parquet")
        .ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    [Fact]
    public async Task A_sweep_gives_identical_files_at_one_two_and_four_workers()
    {
        var plan = SweepReader.Load(TestFiles.Write(SweepFiles.Tiny(), "sweep.yaml"));
        string one = TestFiles.NewFolder(), two = TestFiles.NewFolder(), four = TestFiles.NewFolder();
        await SweepRunner.RunAsync(plan, one, 1, false, new SilentProgress());
        await SweepRunner.RunAsync(plan, two, 2, false, new SilentProgress());
        await SweepRunner.RunAsync(plan, four, 4, false, new SilentProgress());
        var hashes = Hashes(one);
        Assert.Equal(plan.Runs.Count, hashes.Count);
        Assert.Equal(hashes, Hashes(two));
        Assert.Equal(hashes, Hashes(four));
        Assert.All(SweepManifest.Read(one).Runs, r => Assert.Equal(SweepManifest.Done, r.Status));
    }

    [Fact]
    public async Task Resume_runs_only_what_is_missing_and_ends_identical()
    {
        var plan = SweepReader.Load(TestFiles.Write(SweepFiles.Tiny(), "sweep.yaml"));
        string reference = TestFiles.NewFolder(), interrupted = TestFiles.NewFolder();
        await SweepRunner.RunAsync(plan, reference, 2, false, new SilentProgress());
        await SweepRunner.RunAsync(plan, interrupted, 2, false, new SilentProgress());
        // Simulate a crash: two runs lost, one half-written temporary file left behind.
        var files = Directory.GetFiles(Path.Combine(interrupted, SweepManifest.RunsFolder)).Order().ToArray();
        File.Delete(files[1]);
        File.Delete(files[^1]);
        File.WriteAllText(Path.Combine(interrupted, SweepManifest.RunsFolder, ".x.parquet.1.abc" + AtomicFile.TemporarySuffix), "half");

        var result = await SweepRunner.RunAsync(plan, interrupted, 2, resume: true, new SilentProgress());
        Assert.Equal(2, result.RanNow);
        Assert.Equal(plan.Runs.Count - 2, result.SkippedAsDone);
        Assert.Equal(Hashes(reference), Hashes(interrupted));
        Assert.Empty(Directory.EnumerateFiles(interrupted, "*" + AtomicFile.TemporarySuffix, SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Policies_share_their_random_numbers_so_paired_differences_vary_less()
    {
        // Common random numbers: replication r of both policies sees the same users and draws, so the paired
        // difference of a final-month metric varies less than the difference of independent runs would.
        var plan = SweepReader.Load(TestFiles.Write(SweepFiles.Tiny(replications: 6, users: 3000, ticks: 24)
            .Replace("mptcp_share: [0.2, 0.6]", "mptcp_share: 0.6"), "sweep.yaml"));
        string folder = TestFiles.NewFolder();
        await SweepRunner.RunAsync(plan, folder, 2, false, new SilentProgress());
        var (paired, unpaired) = await CommonRandomNumbers.VariancesAsync(folder, "flat", "performance", "3G-B");
        Assert.True(paired < unpaired / 2, $"paired variance {paired} should be well below unpaired {unpaired}");
    }
}
