using Akka.Actor;
using Akka.Cluster;
using MarketSim.Experiments.Calibration;
using MarketSim.Experiments.Output;
using MarketSim.Experiments.Planning;
using MarketSim.Experiments.Sweeps;
using static MarketSim.Cluster.ClusterSweepProtocol;

namespace MarketSim.Cluster;

/// <summary>
/// A worker node's actor: once the node is up it finds the coordinator and asks for one run per free slot;
/// each assignment is re-planned from the file text (and, for a calibration, the evaluation's values; the plan is
/// cached while they stay the same), run on this node's actor system, and its file sent back in pieces; then the slot
/// asks again. It serves every batch of the coordinator's session and stops when the session is finished, when it is
/// rejected, or when the coordinator leaves, completing <c>completion</c> with the reason.
/// </summary>
public sealed class SweepWorkerActor : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan LocateEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan AskAgainAfter = TimeSpan.FromMilliseconds(250);

    private readonly string coordinatorPath;
    private readonly Address coordinatorAddress;
    private readonly int slots;
    private readonly string scratchFolder;
    private readonly TextWriter log;
    private readonly TaskCompletionSource<NodeExit> completion;
    private readonly CancellationTokenSource cancellation = new();
    private readonly ClusterSecret secret;
    private readonly ClusterAddress seed;
    private readonly TimeSpan joinTimeout;
    private string? nonce;
    private IActorRef? coordinator;
    private (string Text, string Values)? cachedPlan;
    private Dictionary<string, PlannedRun> cachedRuns = [];
    private int idleSlots;

    /// <summary>Creates the worker of a node with <paramref name="slots"/> runs at a time.</summary>
    public SweepWorkerActor(ClusterAddress seed, int slots, string scratchFolder, TextWriter log, TaskCompletionSource<NodeExit> completion,
        ClusterSecret secret, TimeSpan joinTimeout)
    {
        this.secret = secret;
        this.seed = seed;
        this.joinTimeout = joinTimeout;
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        coordinatorPath = $"{seed.ToAkkaAddress(ClusterConfig.SystemName)}/user/{ClusterConfig.CoordinatorName}";
        coordinatorAddress = Address.Parse(seed.ToAkkaAddress(ClusterConfig.SystemName));
        this.slots = slots;
        this.scratchFolder = scratchFolder;
        this.log = log;
        this.completion = completion;

        Receive<Up>(_ =>
        {
            Say($"joined the cluster as {Akka.Cluster.Cluster.Get(Context.System).SelfAddress}; looking for the coordinator");
            Timers.StartPeriodicTimer(nameof(Locate), new Locate(), TimeSpan.Zero, LocateEvery);
        });
        Receive<Locate>(_ => Context.ActorSelection(coordinatorPath).Tell(new Identify(null)));
        Receive<ActorIdentity>(OnIdentity);
        Receive<Assignment>(Start);
        Receive<Produced>(p =>
        {
            foreach (var piece in ResultPieces.Split(p.BatchId, p.RunId, p.File, secret)) coordinator?.Tell(piece);
            Ask();
        });
        Receive<Crashed>(c => coordinator?.Tell(new RunFailed(c.BatchId, c.RunId, c.Error, secret.Prove("failed", c.BatchId, c.RunId, c.Error))));
        Receive<Challenge>(c =>
        {
            // One challenge answers one unanswered request: ask again, now with the proof.
            nonce = c.Nonce;
            Ask();
        });
        Receive<GiveUp>(_ => Stop(new NodeExit(false,
            $"could not reach the coordinator at {this.seed} within {this.joinTimeout.TotalSeconds:F0} s; is `marketsim sweep|game|calibrate ... --cluster {this.seed}` running there, and is the address right?")));
        Receive<NoWorkYet>(_ =>
        {
            // One timer for every idle slot: each slot asks again when it fires.
            idleSlots++;
            if (!Timers.IsTimerActive(nameof(AskAgain))) Timers.StartSingleTimer(nameof(AskAgain), new AskAgain(), AskAgainAfter);
        });
        Receive<AskAgain>(_ =>
        {
            for (; idleSlots > 0; idleSlots--) Ask();
        });
        Receive<SessionFinished>(_ => Stop(new NodeExit(true, "the coordinator's work is finished")));
        Receive<Rejected>(r => Stop(new NodeExit(false, $"rejected by the coordinator: {r.Reason}")));
        Receive<Terminated>(t => t.ActorRef.Equals(coordinator), _ => Stop(new NodeExit(true, "the coordinator has left")));
        Receive<ClusterEvent.MemberRemoved>(m => m.Member.Address == coordinatorAddress, _ => Stop(new NodeExit(true, "the coordinator has left")));
        Receive<ClusterEvent.UnreachableMember>(m => m.Member.Address == coordinatorAddress, _ => Say("the coordinator is unreachable"));
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for <see cref="SweepWorkerActor"/>.</summary>
    public static Props Props(ClusterAddress seed, int slots, string scratchFolder, TextWriter log, TaskCompletionSource<NodeExit> completion,
        ClusterSecret secret, TimeSpan joinTimeout)
        => Akka.Actor.Props.Create(() => new SweepWorkerActor(seed, slots, scratchFolder, log, completion, secret, joinTimeout));

    /// <inheritdoc />
    protected override void PreStart()
    {
        var cluster = Akka.Cluster.Cluster.Get(Context.System);
        var self = Self;
        cluster.RegisterOnMemberUp(() => self.Tell(new Up()));
        Timers.StartSingleTimer(nameof(GiveUp), new GiveUp(), joinTimeout);
        cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.MemberRemoved), typeof(ClusterEvent.UnreachableMember));
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        cancellation.Cancel();
        cancellation.Dispose();
        Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
        completion.TrySetResult(new NodeExit(false, "the worker stopped unexpectedly"));
    }

    private void OnIdentity(ActorIdentity identity)
    {
        if (coordinator is not null || identity.Subject is null) return;
        Timers.Cancel(nameof(Locate));
        Timers.Cancel(nameof(GiveUp));
        coordinator = identity.Subject;
        Context.Watch(coordinator);
        Say($"found the coordinator; running up to {slots} run(s) at a time");
        for (var i = 0; i < slots; i++) Ask();
    }

    private void Ask()
    {
        var self = Akka.Cluster.Cluster.Get(Context.System).SelfAddress.ToString();
        var proof = nonce is null ? "" : secret.Prove("request", nonce, self, RunManifest.SoftwareVersion);
        coordinator?.Tell(new RequestWork(RunManifest.SoftwareVersion, proof));
    }

    private void Start(Assignment assignment)
    {
        PlannedRun? run;
        try
        {
            if (cachedPlan != (assignment.PlanText, assignment.Values))
            {
                cachedRuns = Plan(assignment).ToDictionary(r => r.RunId, StringComparer.Ordinal);
                cachedPlan = (assignment.PlanText, assignment.Values);
            }
            run = cachedRuns.GetValueOrDefault(assignment.RunId)
                ?? throw new InvalidOperationException($"the file has no run {assignment.RunId} when planned on this node");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Self.Tell(new Crashed(assignment.BatchId, assignment.RunId, $"{e.GetType().Name}: {e.Message}"));
            return;
        }
        var system = Context.System;
        var token = cancellation.Token;
        var batchId = assignment.BatchId;
        Task.Run(() => NodeRun.RunAsync(system, run, scratchFolder, token), token).PipeTo(Self, Self,
            file => new Produced(batchId, run.RunId, file),
            e => new Crashed(batchId, run.RunId, Describe(e)));
    }

    /// <summary>The runs of an assignment's file: a sweep's or game's runs, or a calibration's evaluation at the given values.</summary>
    private static IEnumerable<PlannedRun> Plan(Assignment assignment)
        => assignment.Values.Length == 0
            ? PlanFile.Parse(assignment.File, assignment.PlanText).Runs
            : CalibrationRuns.Plan(CalibrationReader.Parse(assignment.File, assignment.PlanText), CalibrationRuns.ParseValues(assignment.Values));

    private void Stop(NodeExit exit)
    {
        completion.TrySetResult(exit);
        Context.Stop(Self);
    }

    private void Say(string message) => log.WriteLine($"node: {message}");

    private static string Describe(Exception e)
    {
        var inner = e is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : e;
        return $"{inner.GetType().Name}: {inner.Message}";
    }

    private sealed record Up;

    private sealed record GiveUp;

    private sealed record Locate;

    private sealed record AskAgain;

    private sealed record Produced(string BatchId, string RunId, byte[] File);

    private sealed record Crashed(string BatchId, string RunId, string Error);
}
