using Akka.Actor;
using MarketSim.Agents.Running;
using MarketSim.Cluster;
using MarketSim.Experiments.Output;
using MarketSim.Experiments.Sweeps;
using MarketSim.Experiments.Tests.Sweeps;
using MarketSim.Reports.Results;
using static MarketSim.Cluster.ClusterSweepProtocol;

namespace MarketSim.Experiments.Tests.Cluster;

/// <summary>The cluster's shared secret: strangers get no work, and nobody stores bytes as a run it was not given.</summary>
[Collection("actor runs")]
public class ClusterAuthenticationTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(1);
    private static readonly ClusterSecret Right = ClusterSecret.FromText("the-right-secret-of-this-sweep");
    private static readonly ClusterSecret Wrong = ClusterSecret.FromText("a-guess-at-the-secret-0000000");

    [Fact]
    public async Task A_node_with_the_wrong_secret_is_turned_away_and_gets_no_work()
    {
        var plan = SweepReader.Load(TestFiles.Write(SweepFiles.Tiny(replications: 1), "sweep.yaml"));
        string local = TestFiles.NewFolder(), clustered = TestFiles.NewFolder();
        await SweepRunner.RunAsync(plan, local, 2, false, new SilentProgress());
        var address = new ClusterAddress("127.0.0.1", ClusterSweepTests.FreePort());
        var log = TextWriter.Synchronized(new StringWriter());
        using var timeout = new CancellationTokenSource(Limit);
        var sweep = ClusterSweep.RunAsync(plan, clustered, false, address, "127.0.0.1", new SilentProgress(), log, timeout.Token, Right);

        var rogue = await ClusterNode.RunAsync(address, "127.0.0.1", 0, 1, log, timeout.Token, Wrong);
        Assert.False(rogue.Success);
        Assert.Contains("authentication failed", rogue.Reason);
        Assert.False(sweep.IsCompleted);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(clustered, SweepManifest.RunsFolder), "*.parquet"));

        var good = await ClusterNode.RunAsync(address, "127.0.0.1", 0, 2, log, timeout.Token, Right);
        await sweep;
        Assert.True(good.Success, good.Reason + "\n" + log);
        Assert.Equal(SweepRunnerTests.Hashes(local), SweepRunnerTests.Hashes(clustered));
    }

    [Fact]
    public async Task Forged_results_and_failures_for_runs_a_node_was_not_given_are_rejected()
    {
        var plan = SweepReader.Load(TestFiles.Write(SweepFiles.Tiny(replications: 1), "sweep.yaml"));
        string local = TestFiles.NewFolder(), clustered = TestFiles.NewFolder();
        await SweepRunner.RunAsync(plan, local, 2, false, new SilentProgress());
        var address = new ClusterAddress("127.0.0.1", ClusterSweepTests.FreePort());
        var buffer = new StringWriter();
        var log = TextWriter.Synchronized(buffer);
        using var timeout = new CancellationTokenSource(Limit);
        var sweep = ClusterSweep.RunAsync(plan, clustered, false, address, "127.0.0.1", new SilentProgress(), log, timeout.Token, Right);

        // A node holding the secret, but dishonest: once given a run, it sends another run's (genuine) file as the one
        // it was not given, that other file as its own run, and a failure report for a run it was not given.
        var files = plan.Runs.ToDictionary(r => r.RunId, r => File.ReadAllBytes(SweepRunner.RunFile(Path.Combine(local, SweepManifest.RunsFolder), r)));
        var rogueSystem = MarketActorSystem.Create(1, ClusterConfig.SystemName, ClusterConfig.Worker(address, "127.0.0.1", 0));
        var done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            var coordinator = $"{address.ToAkkaAddress(ClusterConfig.SystemName)}/user/{ClusterConfig.CoordinatorName}";
            rogueSystem.ActorOf(Props.Create(() => new DishonestNode(coordinator, files, done)));
            var given = await done.Task.WaitAsync(timeout.Token);
            await Task.Delay(TimeSpan.FromSeconds(1), timeout.Token);   // let the coordinator judge the forgeries
            var said = buffer.ToString();
            Assert.False(sweep.IsCompleted, "a forged failure report must not end the sweep\n" + said);
            Assert.Empty(Directory.EnumerateFiles(Path.Combine(clustered, SweepManifest.RunsFolder), "*.parquet"));
            Assert.Contains("ignored: that node was not given the run", said);
            Assert.Contains($"result of run {given}", said);
            Assert.Contains("rejected: it holds rows of run", said);
        }
        finally
        {
            await rogueSystem.Terminate();
        }
        var good = await ClusterNode.RunAsync(address, "127.0.0.1", 0, 2, log, timeout.Token, Right);
        await sweep;
        Assert.True(good.Success, good.Reason + "\n" + buffer);
        Assert.Equal(SweepRunnerTests.Hashes(local), SweepRunnerTests.Hashes(clustered));
    }

    private sealed class DishonestNode : ReceiveActor
    {
        public DishonestNode(string coordinatorPath, Dictionary<string, byte[]> files, TaskCompletionSource<string> done)
        {
            string? nonce = null;
            IActorRef? coordinator = null;
            var self = Self;
            var cluster = Akka.Cluster.Cluster.Get(Context.System);
            cluster.RegisterOnMemberUp(() => Context.System.ActorSelection(coordinatorPath).Tell(new Identify(null), self));
            Receive<ActorIdentity>(i =>
            {
                coordinator = i.Subject;
                coordinator?.Tell(new RequestWork(RunManifest.SoftwareVersion));
            });
            Receive<Challenge>(c =>
            {
                nonce = c.Nonce;
                coordinator!.Tell(new RequestWork(RunManifest.SoftwareVersion, Right.Prove("request", nonce, cluster.SelfAddress.ToString(), RunManifest.SoftwareVersion)));
            });
            Receive<Assignment>(a =>
            {
                var other = files.Keys.First(k => k != a.RunId);
                foreach (var piece in ResultPieces.Split(a.BatchId, other, files[other], Right)) coordinator!.Tell(piece);
                coordinator!.Tell(new RunFailed(a.BatchId, other, "boom", Right.Prove("failed", a.BatchId, other, "boom")));
                coordinator!.Tell(new RunFailed(a.BatchId, a.RunId, "boom"));   // its own run, but unproven
                foreach (var piece in ResultPieces.Split(a.BatchId, a.RunId, files[other], Right)) coordinator!.Tell(piece);
                done.TrySetResult(a.RunId);
            });
            ReceiveAny(_ => { });
        }
    }
}
