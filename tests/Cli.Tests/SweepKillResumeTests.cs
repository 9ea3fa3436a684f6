using System.Diagnostics;
using System.Text;

namespace MarketSim.Cli.Tests;

public class SweepKillResumeTests
{
    private static string TinySweep() => CliProcess.TinySweep(ticks: 12, replications: 8);

    private static Dictionary<string, string> Hashes(string folder) => CliProcess.RunHashes(folder);

    private static bool IsCompleteParquet(string file)
    {
        var bytes = File.ReadAllBytes(file);
        return bytes.Length > 8 && Encoding.ASCII.GetString(bytes, 0, 4) == "PAR1" && Encoding.ASCII.GetString(bytes, bytes.Length - 4, 4) == "PAR1";
    }

    [Fact]
    public void A_sweep_killed_mid_way_with_a_truncated_file_and_resumed_equals_an_uninterrupted_sweep()
    {
        var folder = CliProcess.NewFolder();
        var file = Path.Combine(folder, "sweep.yaml");
        File.WriteAllText(file, TinySweep());
        var reference = CliProcess.Run(folder, "sweep", file, "--out", "reference", "--workers", "2");
        Assert.Equal(0, reference.ExitCode);
        var expected = Hashes(Path.Combine(folder, "reference"));
        Assert.Equal(2 * 2 * 8, expected.Count);

        var interrupted = Path.Combine(folder, "interrupted");
        var runs = Path.Combine(interrupted, "runs");
        using (var process = CliProcess.Start(folder, "sweep", file, "--out", "interrupted", "--workers", "2"))
        {
            var clock = Stopwatch.StartNew();
            while (!(Directory.Exists(runs) && Directory.EnumerateFiles(runs, "*.parquet").Any()) && clock.Elapsed < TimeSpan.FromMinutes(2))
                Thread.Sleep(10);
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        var survivors = Directory.EnumerateFiles(runs, "*.parquet").ToList();
        Assert.InRange(survivors.Count, 1, expected.Count - 1);   // really killed mid-way
        Assert.All(survivors, f => Assert.True(IsCompleteParquet(f), $"{f} is visible under its final name but incomplete"));
        // A file cut short afterwards (a full disk, a careless copy) must not count as done.
        var whole = File.ReadAllBytes(survivors[0]);
        File.WriteAllBytes(survivors[0], whole[..(whole.Length / 3)]);

        var resumed = CliProcess.Run(folder, "sweep", file, "--out", "interrupted", "--workers", "2", "--resume");
        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains("already done", resumed.Stdout);
        Assert.Contains($"run {Path.GetFileNameWithoutExtension(survivors[0])}: ", resumed.Stderr);
        Assert.Contains("running it again", resumed.Stderr);
        Assert.Equal(expected, Hashes(interrupted));
    }
}
