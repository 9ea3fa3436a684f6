using System.Diagnostics;

namespace MarketSim.Cli.Tests.Cluster;

/// <summary>The cluster's shared secret and reachability, as users meet them: processes, and two machines simulated by
/// two Linux network namespaces joined by a veth pair (a non-loopback address).</summary>
[Collection("cluster processes")]
public class ClusterSecretProcessTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    [Fact]
    public void A_node_that_cannot_reach_its_seed_gives_up_with_exit_1_and_a_clear_line()
    {
        var folder = CliProcess.NewFolder();
        var port = ClusterSweepProcessTests.FreePort();   // nobody listens there
        var result = CliProcess.Run(folder, "node", "--seed-node", $"127.0.0.1:{port}", "--join-timeout", "3");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"could not reach the coordinator at 127.0.0.1:{port} within 3 s", result.Stdout);
    }

    [Theory]
    [InlineData("sweep", "--cluster", "10.1.2.3:4053", "--bind", "10.1.2.3")]
    [InlineData("sweep", "--cluster", "10.1.2.3:4053", "--bind", "0.0.0.0")]
    [InlineData("node", "--seed-node", "10.1.2.3:4053", "--bind", "10.1.2.4")]
    public void Listening_beyond_this_machine_without_a_secret_is_refused(string verb, string option, string address, string bind, string host)
    {
        var folder = CliProcess.NewFolder();
        var file = Path.Combine(folder, "sweep.yaml");
        File.WriteAllText(file, CliProcess.TinySweep(ticks: 2, replications: 1));
        var result = verb == "sweep"
            ? CliProcess.Run(folder, verb, file, "--out", "out", option, address, bind, host)
            : CliProcess.Run(folder, verb, option, address, bind, host);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--secret-file", result.Stderr);
        Assert.False(Directory.Exists(Path.Combine(folder, "out")));
    }

    [SkippableFact]
    public void Nodes_in_two_network_namespaces_sweep_over_a_veth_pair_and_a_node_with_the_wrong_secret_is_turned_away()
    {
        var id = Guid.NewGuid().ToString("N")[..6];
        string a = $"msa{id}", b = $"msb{id}";
        var refused = Ip($"netns add {a}");
        Skip.If(refused is not null, $"this machine does not allow network namespaces ({refused}); run as root with `ip` to include this test");
        try
        {
            Require(Ip($"netns add {b}"));
            Require(Ip($"link add va{id} type veth peer name vb{id}"));
            Require(Ip($"link set va{id} netns {a}"));
            Require(Ip($"link set vb{id} netns {b}"));
            Require(Ip($"-n {a} addr add 10.231.0.1/24 dev va{id}"));
            Require(Ip($"-n {b} addr add 10.231.0.2/24 dev vb{id}"));
            foreach (var ns in new[] { a, b })
            {
                Require(Ip($"-n {ns} link set lo up"));
            }
            Require(Ip($"-n {a} link set va{id} up"));
            Require(Ip($"-n {b} link set vb{id} up"));

            var folder = CliProcess.NewFolder();
            var file = Path.Combine(folder, "sweep.yaml");
            File.WriteAllText(file, CliProcess.TinySweep(ticks: 6, replications: 2));
            File.WriteAllText(Path.Combine(folder, "secret"), "a-shared-secret-for-this-test-only\n");
            File.WriteAllText(Path.Combine(folder, "wrong"), "somebody-elses-secret-0123456789\n");
            Assert.Equal(0, CliProcess.Run(folder, "sweep", file, "--out", "local", "--workers", "1").ExitCode);

            using var coordinator = LoggedProcess.StartIn(a, "coordinator", folder,
                "sweep", file, "--out", "cluster", "--cluster", "10.231.0.1:4053", "--bind", "10.231.0.1", "--secret-file", "secret");
            Assert.True(coordinator.WaitFor(o => o.Contains("coordinator listening", StringComparison.Ordinal), Limit), coordinator.ToString());
            using (var rogue = LoggedProcess.StartIn(b, "rogue", folder,
                "node", "--seed-node", "10.231.0.1:4053", "--bind", "10.231.0.2", "--secret-file", "wrong", "--workers", "1"))
            {
                Assert.True(rogue.WaitForExit(Limit), rogue.ToString());
                Assert.Equal(1, rogue.ExitCode);
                Assert.Contains("authentication failed", rogue.Output);
            }
            using var worker = LoggedProcess.StartIn(b, "worker", folder,
                "node", "--seed-node", "10.231.0.1:4053", "--bind", "10.231.0.2", "--secret-file", "secret", "--workers", "2");
            Assert.True(coordinator.WaitForExit(Limit), coordinator + "\n" + worker);
            Assert.True(coordinator.ExitCode == 0, coordinator + "\n" + worker);
            Assert.True(worker.WaitForExit(Limit), worker.ToString());
            Assert.Equal(CliProcess.RunHashes(Path.Combine(folder, "local")), CliProcess.RunHashes(Path.Combine(folder, "cluster")));
        }
        finally
        {
            Ip($"netns del {a}");
            Ip($"netns del {b}");
        }
    }

    private static void Require(string? error) => Assert.True(error is null, error);

    /// <summary>Runs `ip ARGS`; null on success, else its error output.</summary>
    private static string? Ip(string arguments)
    {
        try
        {
            var info = new ProcessStartInfo("ip") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var part in arguments.Split(' ')) info.ArgumentList.Add(part);
            using var process = Process.Start(info)!;
            var error = process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : error.Trim();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return e.Message;
        }
    }
}
