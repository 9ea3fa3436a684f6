namespace MarketSim.Cli.Tests.Cluster;

public class ClusterBadInputTests
{
    private static string SweepFile()
    {
        var folder = CliProcess.NewFolder();
        var file = Path.Combine(folder, "sweep.yaml");
        File.WriteAllText(file, File.ReadAllText(CliProcess.RepositoryFile("experiments/flat-vs-performance.yaml")));
        return file;
    }

    [Theory]
    [InlineData("--cluster 4053", "--cluster")]
    [InlineData("--cluster 127.0.0.1:99999", "--cluster")]
    [InlineData("--cluster 10.0.0.5:4053", "add --bind 10.0.0.5")]
    [InlineData("--bind 127.0.0.1", "--bind only applies to a cluster sweep")]
    public void A_cluster_sweep_with_a_bad_address_or_an_unasked_public_one_is_bad_input(string options, string expected)
    {
        var file = SweepFile();
        var result = CliProcess.Run(Path.GetDirectoryName(file)!, ["sweep", file, "--out", "out", .. options.Split(' ')]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(file)!, "out")));
    }

    [Theory]
    [InlineData("--cluster 127.0.0.1:99999", "--cluster")]
    [InlineData("--cluster 10.0.0.5:4053", "add --bind 10.0.0.5")]
    [InlineData("--cluster 10.0.0.5:4053 --bind 10.0.0.5", "no --secret-file is given")]
    [InlineData("--bind 127.0.0.1", "--bind only applies to a cluster")]
    public void A_cluster_calibration_with_a_bad_address_or_an_unasked_public_one_is_bad_input(string options, string expected)
    {
        var folder = CliProcess.NewFolder();
        var file = Path.Combine(folder, "calibration.yaml");
        File.WriteAllText(file, File.ReadAllText(CliProcess.RepositoryFile("experiments/calibration/use-case-churn.yaml")));
        var result = CliProcess.Run(folder, ["calibrate", file, "--out", "out", .. options.Split(' ')]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
        Assert.False(Directory.Exists(Path.Combine(folder, "out")));
    }

    [Fact]
    public void A_cluster_sweep_asking_for_per_user_output_is_bad_input_and_writes_nothing()
    {
        var file = SweepFile();
        File.WriteAllText(file, File.ReadAllText(file).Replace("multihoming: true", "multihoming: true\nper_user_output: true", StringComparison.Ordinal));
        var port = ClusterSweepProcessTests.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var result = CliProcess.Run(Path.GetDirectoryName(file)!, "sweep", file, "--out", "out", "--cluster", $"127.0.0.1:{port}");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("key 'per_user_output': per-user output is not available in cluster sweeps", result.Stderr);
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(file)!, "out")));
    }

    [Theory]
    [InlineData("--seed-node localhost", "--seed-node")]
    [InlineData("--seed-node 10.0.0.5:4053", "add --bind")]
    [InlineData("--seed-node 10.0.0.5:4053 --bind 0.0.0.0", "concrete address")]
    [InlineData("--seed-node 127.0.0.1:4053 --port 70000", "--port")]
    [InlineData("--seed-node 127.0.0.1:4053 --workers 0", "--workers")]
    public void A_node_with_a_bad_address_is_bad_input(string options, string expected)
    {
        var result = CliProcess.Run(CliProcess.NewFolder(), ["node", .. options.Split(' ')]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
    }

    [Fact]
    public void A_node_needs_the_seed_node()
    {
        var result = CliProcess.Run(CliProcess.NewFolder(), "node");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--seed-node", result.Stderr);
    }
}
