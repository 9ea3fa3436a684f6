namespace MarketSim.Cli.Tests;

/// <summary>`marketsim run` and its per-user output switch, as a user would call them.</summary>
public class RunCommandTests
{
    private static string SmallBaseline() => File.ReadAllText(CliProcess.RepositoryFile("experiments/baseline.yaml"))
        .Replace("count: 20000", "count: 1500", StringComparison.Ordinal)
        .Replace("ticks: 60", "ticks: 3", StringComparison.Ordinal);

    [Theory]
    [InlineData("--per-user", "")]
    [InlineData("", "per_user_output: true\n")]
    public void Per_user_output_asked_on_the_command_line_or_in_the_file_writes_the_users_file(string option, string key)
    {
        var folder = CliProcess.NewFolder();
        var file = Path.Combine(folder, "small.yaml");
        File.WriteAllText(file, key + SmallBaseline());
        string[] args = option.Length == 0 ? ["run", file, "--out", "out"] : ["run", file, "--out", "out", option];
        var result = CliProcess.Run(folder, args);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"users:    {Path.Combine("out", "user_metrics.parquet")} ({1500 * 4} rows)", result.Stdout);
        Assert.True(File.Exists(Path.Combine(folder, "out", "user_metrics.parquet")));
    }

    [Fact]
    public void Without_it_no_users_file_is_written()
    {
        var folder = CliProcess.NewFolder();
        var file = Path.Combine(folder, "small.yaml");
        File.WriteAllText(file, SmallBaseline());
        var result = CliProcess.Run(folder, "run", file, "--out", "out");
        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("users:", result.Stdout);
        Assert.False(File.Exists(Path.Combine(folder, "out", "user_metrics.parquet")));
        Assert.True(File.Exists(Path.Combine(folder, "out", "market_metrics.parquet")));
    }
}
