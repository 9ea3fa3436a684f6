using System.Net;
using System.Net.Sockets;
using MarketSim.Cluster;
using MarketSim.Experiments.Sweeps;
using MarketSim.Experiments.Tests.Sweeps;
using MarketSim.Reports.Results;

namespace MarketSim.Experiments.Tests.Cluster;

/// <summary>Coordinator and worker nodes as separate actor systems in this process, talking over 127.0.0.1.</summary>
[Collection("actor runs")]
public class ClusterSweepTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(1);

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task A_sweep_spread_over_two_nodes_writes_the_bytes_of_a_single_process_sweep()
    {
        var plan = SweepReader.Load(TestFiles.Write(SweepFiles.Tiny(), "sweep.yaml"));
        string local = TestFiles.NewFolder(), clustered = TestFiles.NewFolder();
        await SweepRunner.RunAsync(plan, local, 2, false, new SilentProgress());

        var address = new ClusterAddress("127.0.0.1", FreePort());
        var log = TextWriter.Synchronized(new StringWriter());
        using var timeout = new CancellationTokenSource(Limit);
        var sweep = ClusterSweep.RunAsync(plan, clustered, false, address, "127.0.0.1", new SilentProgress(), log, timeout.Token);
        var nodes = new[]
        {
            ClusterNode.RunAsync(address, "127.0.0.1", 0, 1, log, timeout.Token),
            ClusterNode.RunAsync(address, "127.0.0.1", 0, 2, log, timeout.Token),
        };
        var result = await sweep;
        var exits = await Task.WhenAll(nodes);

        Assert.Equal((plan.Runs.Count, 0), (result.RanNow, result.SkippedAsDone));
        Assert.Equal(SweepRunnerTests.Hashes(local), SweepRunnerTests.Hashes(clustered));
        Assert.All(SweepManifest.Read(clustered).Runs, r => Assert.Equal(SweepManifest.Done, r.Status));
        Assert.All(exits, e => Assert.True(e.Success, e.Reason + "\n" + log));
    }

    [Fact]
    public async Task A_resumed_cluster_sweep_with_every_run_present_needs_no_cluster()
    {
        var plan = SweepReader.Load(TestFiles.Write(SweepFiles.Tiny(replications: 1), "sweep.yaml"));
        var folder = TestFiles.NewFolder();
        await SweepRunner.RunAsync(plan, folder, 2, false, new SilentProgress());
        // Nobody listens on this port and no node is started: the sweep must not need one.
        var result = await ClusterSweep.RunAsync(plan, folder, true, new ClusterAddress("127.0.0.1", FreePort()), "127.0.0.1",
            new SilentProgress(), TextWriter.Null);
        Assert.Equal((0, plan.Runs.Count), (result.RanNow, result.SkippedAsDone));
    }
}
