using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace MarketSim.Cli.Tests.Cluster;

[CollectionDefinition("cluster processes", DisableParallelization = true)]
public sealed class ClusterProcessesCollection;

/// <summary>The issue's acceptance test: a coordinator and two worker processes on 127.0.0.1, one worker killed
/// mid-sweep; the sweep still completes, every run written once, byte-identical to a single-process sweep.</summary>
[Collection("cluster processes")]
public partial class ClusterSweepProcessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    // 16 runs (2 design points x 2 policies x 4 replications), each long enough that killing a worker as soon as
    // the first file lands is mid-sweep.
    private static string TinySweep() => CliProcess.TinySweep(ticks: 24, replications: 4);

    private static Dictionary<string, string> Hashes(string folder) => CliProcess.RunHashes(folder);

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static int Count(string text, string what) => Regex.Count(text, Regex.Escape(what));

    [GeneratedRegex(@"node (\S+) is working")]
    private static partial Regex WorkingNode();

    [GeneratedRegex(@"joined the cluster as (\S+);")]
    private static partial Regex JoinedAs();

    [Fact]
    public void A_cluster_sweep_that_loses_a_worker_midway_writes_every_run_once_with_the_bytes_of_a_single_process_sweep()
    {
        var folder = CliProcess.NewFolder();
        var file = Path.Combine(folder, "sweep.yaml");
        File.WriteAllText(file, TinySweep());
        var reference = CliProcess.Run(folder, "sweep", file, "--out", "reference", "--workers", "2");
        Assert.True(reference.ExitCode == 0, reference.Stderr);
        var expected = Hashes(Path.Combine(folder, "reference"));
        Assert.Equal(16, expected.Count);

        var address = $"127.0.0.1:{FreePort()}";
        var runs = Path.Combine(folder, "cluster", "runs");
        using var coordinator = LoggedProcess.Start("coordinator", folder, "sweep", file, "--out", "cluster", "--cluster", address);
        Assert.True(coordinator.WaitFor(o => o.Contains("coordinator listening", StringComparison.Ordinal), Patience), coordinator.ToString());
        using var doomed = LoggedProcess.Start("doomed worker", folder, "node", "--seed-node", address, "--workers", "1");
        using var survivor = LoggedProcess.Start("surviving worker", folder, "node", "--seed-node", address, "--workers", "1");
        string Everything() => $"{coordinator}\n{doomed}\n{survivor}";

        // Both workers are pulling runs and at least one file is in: kill one worker, process tree and all.
        Assert.True(coordinator.WaitFor(o => Count(o, "is working") >= 2, Patience), Everything());
        Assert.True(doomed.WaitFor(_ => Directory.Exists(runs) && Directory.EnumerateFiles(runs, "*.parquet").Any(), Patience), Everything());
        doomed.Kill();
        var filesAtKill = Directory.EnumerateFiles(runs, "*.parquet").Count();
        var clock = Stopwatch.StartNew();

        Assert.True(coordinator.WaitForExit(Patience), Everything());
        Assert.True(coordinator.ExitCode == 0, Everything());
        Assert.True(survivor.WaitForExit(Patience), Everything());
        Assert.True(survivor.ExitCode == 0, Everything());
        var finishedAfter = clock.Elapsed;

        Assert.InRange(filesAtKill, 1, expected.Count - 1);             // the kill really was mid-sweep
        var doomedAddress = JoinedAs().Match(doomed.Output).Groups[1].Value;
        Assert.Contains(doomedAddress, WorkingNode().Matches(coordinator.Output).Select(m => m.Groups[1].Value));   // and it had been working
        Assert.Matches($@"node {Regex.Escape(doomedAddress)} [^\n]*: \d+ run\(s\) back in the queue", coordinator.Output);
        Assert.Equal(expected, Hashes(Path.Combine(folder, "cluster")));   // nothing lost, nothing extra, same bytes
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(folder, "cluster"), "*.partial", SearchOption.AllDirectories));
        Assert.Contains("16 runs (16 run now, 0 already done)", coordinator.Output);
        Assert.Contains("the coordinator's work is finished", survivor.Output);
        Assert.True(finishedAfter < Patience, $"finished {finishedAfter} after the kill");
    }
}
