namespace MarketSim.Cli.Tests;

/// <summary>`analyze` and `calibrate` through the process: bad input exits 2 with one line naming the problem, and
/// nothing is written.</summary>
public class SensitivityCommandTests
{
    [Fact]
    public void Analyze_on_a_grid_sweep_exits_2_and_writes_nothing()
    {
        var folder = CliProcess.NewFolder();
        var file = Path.Combine(folder, "grid.yaml");
        File.WriteAllText(file, CliProcess.TinySweep(ticks: 3, replications: 1).Replace("count: 1500", "count: 300"));
        var results = Path.Combine(folder, "out");
        Assert.Equal(0, CliProcess.Run(folder, "sweep", file, "--out", results).ExitCode);
        var before = Directory.EnumerateFileSystemEntries(results, "*", SearchOption.AllDirectories).Order().ToList();

        foreach (var (args, expected) in new (string[], string)[]
        {
            (["analyze", results], "this sweep's design is Grid; Sobol indices need design saltelli"),
            (["analyze", results, "--window", "5:2"], "key '--window': value '5:2' is not a window"),
            (["analyze", results, "--policy-difference", "performance-flatt"], "does not name two different policies"),
        })
        {
            var result = CliProcess.Run(folder, args);
            Assert.Equal(2, result.ExitCode);
            var error = result.Stderr.TrimEnd('\n');
            Assert.DoesNotContain('\n', error);
            Assert.Contains(expected, error);
        }
        Assert.Equal(before, Directory.EnumerateFileSystemEntries(results, "*", SearchOption.AllDirectories).Order().ToList());
    }

    [Fact]
    public void Calibrate_without_a_free_parameter_exits_2_and_writes_nothing()
    {
        var folder = CliProcess.NewFolder();
        var text = File.ReadAllText(CliProcess.RepositoryFile("experiments/calibration/use-case-churn.yaml")).Replace("inertia: [1.0, 12.0]", "inertia: 6.0");
        var file = Path.Combine(folder, "fixed.yaml");
        File.WriteAllText(file, text.Replace("  start: { users.inertia: 3.0 }\n", ""));
        var output = Path.Combine(folder, "out");
        var result = CliProcess.Run(folder, "calibrate", file, "--out", output);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no free parameter", result.Stderr);
        Assert.False(Directory.Exists(output));

        File.WriteAllText(file, text.Replace("inertia: 6.0", "inertia: [12.0, 1.0]"));
        result = CliProcess.Run(folder, "calibrate", file, "--out", output);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("key 'users.inertia': bounds reversed or equal: [12.0, 1.0]", result.Stderr);
        Assert.False(Directory.Exists(output));
    }
}
