using System.Security.Cryptography;
using MarketSim.Experiments.Sweeps;
using MarketSim.Reports.Results;

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
    public async Task Resume_runs_what_is_missing_or_truncated_and_ends_identical()
    {
        var plan = SweepReader.Load(TestFiles.Write(SweepFiles.Tiny(), "sweep.yaml"));
        string reference = TestFiles.NewFolder(), interrupted = TestFiles.NewFolder();
        await SweepRunner.RunAsync(plan, reference, 2, false, new SilentProgress());
        await SweepRunner.RunAsync(plan, interrupted, 2, false, new SilentProgress());
        // Simulate a crash: two runs lost, one cut short, one half-written temporary file left behind.
        var files = Directory.GetFiles(Path.Combine(interrupted, SweepManifest.RunsFolder)).Order().ToArray();
        File.Delete(files[1]);
        File.Delete(files[^1]);
        var whole = File.ReadAllBytes(files[0]);
        File.WriteAllBytes(files[0], whole[..(whole.Length / 2)]);
        var temporary = Path.Combine(interrupted, SweepManifest.RunsFolder, $".{plan.Runs[0].RunId}.parquet.1.abc" + AtomicFile.TemporarySuffix);
        File.WriteAllText(temporary, "half");
        var notes = new NoteCollector();

        var result = await SweepRunner.RunAsync(plan, interrupted, 2, resume: true, notes);
        Assert.Equal(3, result.RanNow);
        Assert.Equal(plan.Runs.Count - 3, result.SkippedAsDone);
        Assert.Equal(Hashes(reference), Hashes(interrupted));
        Assert.Contains(notes.Notes, n => n.Contains(Path.GetFileNameWithoutExtension(files[0]), StringComparison.Ordinal) && n.Contains("truncated", StringComparison.Ordinal));
        Assert.False(File.Exists(temporary));
    }

    private sealed class NoteCollector : ISweepProgress
    {
        public List<string> Notes { get; } = [];

        public void Started(int total, int alreadyDone) { }

        public void RunFinished(string runId, int done, int total) { }

        public void Note(string message) => Notes.Add(message);
    }

    [Fact]
    public async Task Policies_share_their_random_numbers_so_paired_differences_vary_less()
    {
        // Common random numbers: replication r of both policies sees the same users and draws, so the paired
        // difference of a final-month metric varies less than the difference of independent runs would.
        var plan = SweepReader.Load(TestFiles.Write(SweepFiles.Tiny(replications: 6, users: 3000, ticks: 24)
            .Replace("mptcp_share: [0.2, 0.6]", "mptcp_share: 0.6"), "sweep.yaml"));
        var folder = TestFiles.NewFolder();
        await SweepRunner.RunAsync(plan, folder, 2, false, new SilentProgress());
        var (paired, unpaired) = await CommonRandomNumbers.VariancesAsync(folder, "flat", "performance", "3G-B");
        Assert.True(paired < unpaired / 2, $"paired variance {paired} should be well below unpaired {unpaired}");
    }
}
