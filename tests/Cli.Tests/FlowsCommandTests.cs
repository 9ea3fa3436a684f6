using System.Globalization;

namespace MarketSim.Cli.Tests;

public class FlowsCommandTests
{
    private static Dictionary<(string, int), double> Rates(string csv)
    {
        var lines = csv.Trim().Split('\n');
        Assert.Equal("user,path,rate", lines[0]);
        return lines.Skip(1).Select(l => l.Split(','))
            .ToDictionary(f => (f[0], int.Parse(f[1], CultureInfo.InvariantCulture)), f => double.Parse(f[2], CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("lia", 500.0)]
    [InlineData("olia", 500.0)]
    [InlineData("balia", 500.0)]
    [InlineData("ewtcp", 500.0)]
    [InlineData("reno", 2000.0 / 3)]
    public void The_shared_bottleneck_example_gives_the_documented_split(string cc, double mptcpTotal)
    {
        var result = CliProcess.Run(CliProcess.NewFolder(), "flows", CliProcess.RepositoryFile("experiments/networks/shared-bottleneck.yaml"), "--cc", cc);
        Assert.Equal(0, result.ExitCode);
        var rates = Rates(result.Stdout);
        Assert.Equal(mptcpTotal, rates[("mptcp", 0)] + rates[("mptcp", 1)], mptcpTotal * 1e-4);
        Assert.Equal(1000 - mptcpTotal, rates[("tcp", 0)], mptcpTotal * 1e-4);
    }

    [Theory]
    [InlineData("reno", 707.107, 141.421)]
    [InlineData("ewtcp", 353.553, 70.711)]
    [InlineData("lia", 565.685, 141.421)]
    public void The_open_loop_WiFi_3G_example_gives_the_documented_rates(string cc, double wifi, double cellular)
    {
        var result = CliProcess.Run(CliProcess.NewFolder(), "flows", CliProcess.RepositoryFile("experiments/networks/wifi-3g.yaml"), "--cc", cc);
        var rates = Rates(result.Stdout);
        Assert.Equal(wifi, rates[("m", 0)], 1e-3);
        Assert.Equal(cellular, rates[("m", 1)], 1e-3);
    }

    [Fact]
    public void Json_output_carries_the_same_rows()
    {
        var result = CliProcess.Run(CliProcess.NewFolder(), "flows", CliProcess.RepositoryFile("experiments/networks/wifi-3g.yaml"), "--format", "json");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"user\": \"m\"", result.Stdout);
        Assert.Contains("\"rate\": 565.68", result.Stdout);
    }

    public static TheoryData<string, string> BadNetworks => new()
    {
        { "links: [{id: a, capacity: 10}]\nusers: [{id: u, paths: [{links: [b], rtt: 0.1}]}]", "unknown link 'b'" },
        { "links: [{id: a, capacity: -10}]\nusers: [{id: u, paths: [{links: [a], rtt: 0.1}]}]", "key 'links[0].capacity': value -10 is out of range; accepted: a number in [0.001, 1000000000000]" },
        { "links: [{id: a, capacity: 10}]\nusers: [{id: u, paths: [{links: [a], rtt: 0}]}]", "key 'users[0].paths[0].rtt': value 0 is out of range; accepted: a number in [0.0001, 100]" },
        { "users: [{id: u, paths: [{loss: 1.5, rtt: 0.1}]}]", "key 'users[0].paths[0].loss': value 1.5 is out of range; accepted: a number in [1E-09, 1)" },
        { "users: [{id: u, paths: [{loss: 0, rtt: 0.1}]}]", "accepted: a number in [1E-09, 1)" },
        { "users: [{id: u, controller: cubic, paths: [{loss: 0.1, rtt: 0.1}]}]", "accepted: reno, ewtcp, coupled, lia, olia, balia" },
    };

    [Theory]
    [MemberData(nameof(BadNetworks))]
    public void A_bad_network_file_exits_2_naming_line_and_key(string content, string expected)
    {
        var folder = CliProcess.NewFolder();
        var file = Path.Combine(folder, "net.yaml");
        File.WriteAllText(file, content);
        var result = CliProcess.Run(folder, "flows", file);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: {file}:", result.Stderr);
        Assert.Contains(expected, result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void An_unknown_controller_on_the_command_line_exits_2()
    {
        var result = CliProcess.Run(CliProcess.NewFolder(), "flows", CliProcess.RepositoryFile("experiments/networks/wifi-3g.yaml"), "--cc", "cubic");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--cc", result.Stderr);
    }
}
