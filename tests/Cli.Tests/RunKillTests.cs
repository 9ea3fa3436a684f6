using System.Diagnostics;
using MarketSim.Experiments.Output;

namespace MarketSim.Cli.Tests;

public class RunKillTests
{
    [Fact]
    public void A_run_killed_while_writing_leaves_the_previous_complete_set_or_the_new_one()
    {
        var folder = CliProcess.NewFolder();
        var file = Path.Combine(folder, "run.yaml");
        File.WriteAllText(file, Hostile.HostileInputTests.SmallExperiment.Replace("count: 300", "count: 3000").Replace("ticks: 3", "ticks: 24"));
        var output = Path.Combine(folder, "out");
        Assert.Equal(0, CliProcess.Run(folder, "run", file, "--out", output, "--seed", "1").ExitCode);
        ulong previous = 1;
        // Kill runs with other seeds at moments spread over their lives (start-up, simulation, writing, publishing);
        // after the roll-forward every command makes when it opens the folder, the folder must hold one complete set
        // (every file matching the hash its manifest records) of either the last complete run or the killed one.
        for (var attempt = 0; attempt < 6; attempt++)
        {
            var seed = (ulong)attempt + 2;
            using (var process = CliProcess.Start(folder, "run", file, "--out", output, "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                var clock = Stopwatch.StartNew();
                var wait = TimeSpan.FromMilliseconds(400 + 350 * attempt);
                while (clock.Elapsed < wait && !process.HasExited) Thread.Sleep(5);
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
            RunPublisher.Recover(output);
            Assert.True(RunPublisher.IsComplete(output), $"attempt {attempt}: the folder does not hold one complete set");
            var found = RunManifest.Read(Path.Combine(output, RunManifest.FileName)).Seed;
            Assert.True(found == previous || found == seed, $"attempt {attempt}: seed {found}, expected {previous} or {seed}");
            Assert.False(Directory.Exists(Path.Combine(output, OutputFolder.StagingName)));
            previous = found;
        }
    }
}
