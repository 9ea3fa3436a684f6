using MarketSim.Experiments.Calibration;
using MarketSim.Cluster;
using MarketSim.Experiments.Tests.Calibration;

namespace MarketSim.Experiments.Tests.Cluster;

/// <summary>A calibration whose evaluations run on two worker nodes (separate actor systems in this process, over
/// 127.0.0.1): one cluster session serves every evaluation, each a batch known only after the previous result.</summary>
[Collection("actor runs")]
public class ClusterCalibrationTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
    private static readonly string[] Outputs = [CalibrationRunner.TraceFile, CalibrationOutput.FitFile, CalibrationOutput.CalibratedFile];

    [Fact]
    public async Task A_calibration_on_two_worker_nodes_writes_the_bytes_of_a_local_calibration_and_resumes_on_the_cluster()
    {
        var targets = SimulatedMomentsTests.Targets([("price", "3G-A", 2.1, 0.2), ("churn_rate", "3G-B", 0.05, 0.01), ("share", "WLAN", 0.2, 0.05)]);
        var text = SimulatedMomentsTests.File("[0.1, 0.4]", "[0.02, 0.12]", targets)
            .Replace("  replications: 1\n  max_evaluations: 60\n", "  replications: 3\n  max_evaluations: 9\n", StringComparison.Ordinal);
        var spec = CalibrationReader.Load(TestFiles.Write(text, "calibration.yaml"));
        Assert.Equal((3, 9), (spec.Replications, spec.MaxEvaluations));
        string local = TestFiles.NewFolder(), clustered = TestFiles.NewFolder();
        var expected = await CalibrationRunner.RunAsync(spec, local, 2, resume: false);
        await CalibrationOutput.WriteAsync(spec, expected);

        var address = new ClusterAddress("127.0.0.1", ClusterSweepTests.FreePort());
        var buffer = new StringWriter();
        var log = TextWriter.Synchronized(buffer);
        using var timeout = new CancellationTokenSource(Limit);
        var session = ClusterSession.Start(address, "127.0.0.1", log);
        Task<NodeExit>[] nodes;
        CalibrationResult interrupted, resumed;
        await using (session)
        {
            nodes = [ClusterNode.RunAsync(address, "127.0.0.1", 0, 1, log, timeout.Token), ClusterNode.RunAsync(address, "127.0.0.1", 0, 2, log, timeout.Token)];
            // Stopped after 4 evaluations (the budget, as an interruption would), then resumed to the end: the same file text.
            interrupted = await CalibrationRunner.RunAsync(spec with { MaxEvaluations = 4 }, clustered, ClusterCalibration.On(session, spec), resume: false,
                ct: timeout.Token);
            resumed = await CalibrationRunner.RunAsync(spec, clustered, ClusterCalibration.On(session, spec), resume: true, ct: timeout.Token);
            await CalibrationOutput.WriteAsync(spec, resumed);
        }
        var exits = await Task.WhenAll(nodes);

        Assert.Equal(4, interrupted.Trace.Count);
        Assert.Equal((expected.Trace.Count, 4), (resumed.Trace.Count, resumed.Reused));
        Assert.True(expected.Trace.Count > 4, "the search must go on after the interruption");
        foreach (var name in Outputs)
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(local, name)), await File.ReadAllBytesAsync(Path.Combine(clustered, name)));
        Assert.All(exits, e => Assert.True(e.Success, e.Reason + "\n" + buffer));
        Assert.All(exits, e => Assert.Equal("the coordinator's work is finished", e.Reason));
        // Both nodes worked: three replications per evaluation are more than the first node's one slot.
        Assert.True(System.Text.RegularExpressions.Regex.Count(buffer.ToString(), "is working") >= 2, buffer.ToString());
    }
}
