namespace MarketSim.Cli.Tests;

public class BadInputTests
{
    private static readonly string Baseline = File.ReadAllText(CliProcess.RepositoryFile("experiments/baseline.yaml"));

    public static TheoryData<string, string, string> BadFiles => new()
    {
        // name, file content, words the one-line error must contain (line:key)
        { "missing", "", "file not found" },
        { "malformed", "name: x\nticks: [1, 2\n", "malformed YAML" },
        { "unknown-key", Baseline.Replace("ticks: 60", "ticks: 60\nspeed: 3"), ":10: key 'speed': unknown key" },
        { "negative-capacity", Baseline.Replace("cell_capacity_mbps: 42", "cell_capacity_mbps: -42"), "key 'providers[0].cell_capacity_mbps': value -42 is out of range; accepted: a number in [0.001, 10000000]" },
        { "share-above-one", Baseline.Replace("mptcp_share: 0.35", "mptcp_share: 1.35"), "key 'users.mptcp_share': value 1.35 is out of range; accepted: a number in [0, 1]" },
        { "per-user-output", Baseline.Replace("ticks: 60", "ticks: 60\nper_user_output: maybe"), ":10: key 'per_user_output': 'maybe' is not accepted; accepted: true, false" },
        { "negative-fixed-cost", Baseline.Replace("    marginal_cost: 6.0         #", "    fixed_cost: -100\n    marginal_cost: 6.0         #"),
            ":48: key 'providers[0].fixed_cost': value -100 is out of range; accepted: a number in [0, 1000000000000]" },
        { "discount-rate-one", Baseline.Replace("ticks: 60", "ticks: 60\ndiscount_rate: 1"), ":10: key 'discount_rate': value 1 is out of range; accepted: a number in [0, 1)" },
        { "exit-without-horizon", Baseline.Replace("    marginal_cost: 6.0         #", "    exit_rule: negative_profit\n    marginal_cost: 6.0         #"),
            "key 'providers[0].exit_after_months': missing: exit_rule negative_profit needs a horizon; accepted: a whole number in [1, 100000]" },
        { "nesting-one", Baseline.Replace("  activity: 0.2", "  demand: nested_logit\n  nesting: 1\n  activity: 0.2"),
            "key 'users.nesting': value 1 is out of range; accepted: a number in [0, 1)" },
        { "nest-unknown-plan", Baseline.Replace("  activity: 0.2", "  demand: nested_logit\n  nesting: 0.5\n  nests: { cellular: 3G-A 3G-Z }\n  activity: 0.2"),
            "key 'users.nests.cellular': '3G-Z' names no plan of this file ('3G-Z' is not a provider); accepted: provider names joined by '+', from: 3G-A, 3G-B, WLAN" },
        { "nash-fixed-only", Baseline.Replace("ticks: 60", "ticks: 60\npricing: { rule: nash }"),
            "key 'pricing.rule': value 'nash' leaves no provider to price" },
        { "outage-probability", Baseline.Replace("    marginal_cost: 6.0         #", "    outage_probability: 2\n    outage_hours: 8\n    marginal_cost: 6.0         #"),
            ":48: key 'providers[0].outage_probability': value 2 is out of range; accepted: a number in [0, 1]" },
        { "bass-innovation", Baseline.Replace("  activity: 0.2 ", "  mptcp_adoption:\n    innovation: -0.1\n    imitation: 0.3\n  activity: 0.2 "),
            ":38: key 'users.mptcp_adoption.innovation': value -0.1 is out of range; accepted: a number in [0, 1]" },
        { "mobility-shares", Baseline.Replace("  activity: 0.2 ", "  mobility:\n    places:\n      - { name: home, time_share: 0.6, wlan: true }\n      - { name: street, time_share: 0.3, wlan: false }\n  activity: 0.2 "),
            ":39: key 'users.mobility.places': the time shares sum to 0.9; accepted: time shares that sum to 1" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Bad_input_exits_2_with_a_one_line_error_and_writes_nothing(string name, string content, string expected)
    {
        var folder = CliProcess.NewFolder();
        var file = Path.Combine(folder, name + ".yaml");
        if (name != "missing") File.WriteAllText(file, content);
        var output = Path.Combine(folder, "out");
        foreach (var verb in new[] { "run", "validate" })
        {
            var args = verb == "run" ? new[] { verb, file, "--out", output } : new[] { verb, file };
            var result = CliProcess.Run(folder, args);
            Assert.Equal(2, result.ExitCode);
            var error = result.Stderr.TrimEnd('\n');
            Assert.DoesNotContain('\n', error);
            Assert.StartsWith($"error: {file}", error);
            Assert.Contains(expected, error);
        }
        Assert.False(Directory.Exists(output));
        Assert.False(Directory.Exists(Path.Combine(folder, "results")));
    }

    [Fact]
    public void Validate_accepts_the_baseline()
    {
        var result = CliProcess.Run(CliProcess.NewFolder(), "validate", CliProcess.RepositoryFile("experiments/baseline.yaml"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains(": ok (baseline: 20000 users, 3 providers", result.Stdout);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("validate")]
    public void Every_command_has_help(string verb)
    {
        var result = CliProcess.Run(CliProcess.NewFolder(), verb, "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Stdout);
    }
}
