using Akka.Actor;
using Akka.Cluster;
using Akka.Remote;
using MarketSim.Experiments.Output;
using static MarketSim.Cluster.ClusterSweepProtocol;

namespace MarketSim.Cluster;

/// <summary>
/// The coordinator's actor for one cluster session: admits worker nodes (version, secret), and serves the batches
/// submitted to it one after another. Within a batch it answers work requests from the batch's <see cref="WorkQueue"/>,
/// hands each run's file to the batch the first time it arrives, and puts a lost node's runs back in the queue as soon
/// as there is a sign of loss: its connection closed (a killed process shows up here at once), the cluster marks it
/// unreachable or removes it, or its worker stops. A false alarm costs only duplicate work: whichever result of a run
/// comes first is kept and any later one is ignored, as are results quoting an earlier batch. A request that cannot be
/// served now (no batch yet, or every run of the batch in flight) is held, so the next batch or a run coming back starts
/// at once; held requests are answered <see cref="NoWorkYet"/> every second, so a node never waits on a request the
/// coordinator dropped. Workers stay joined between batches and are told <see cref="SessionFinished"/> at the end.
/// </summary>
public sealed class SessionCoordinatorActor : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan HoldRequestsFor = TimeSpan.FromSeconds(1);

    private readonly TextWriter log;
    private readonly ClusterSecret secret;
    private readonly string sessionId = Guid.NewGuid().ToString("N");
    private readonly HashSet<IActorRef> workers = [];
    private readonly HashSet<Address> lost = [];
    private readonly Dictionary<Address, string> nonces = [];
    private List<IActorRef> held = [];
    private ActiveBatch? batch;
    private int batches;
    private bool ended;

    /// <summary>Creates the coordinator of a session; it logs to <paramref name="log"/>.</summary>
    public SessionCoordinatorActor(TextWriter log, ClusterSecret secret)
    {
        this.log = log;
        this.secret = secret;

        Receive<Submit>(OnSubmit);
        Receive<Abandon>(a =>
        {
            if (batch is not null) FailBatch("the batch was abandoned");
            a.Done.TrySetResult();
        });
        Receive<End>(OnEnd);
        Receive<AnswerHeld>(_ =>
        {
            foreach (var worker in held) worker.Tell(new NoWorkYet());
            held.Clear();
        });
        Receive<RequestWork>(OnRequest);
        ReceiveAsync<ResultChunk>(OnPieceAsync);
        Receive<RunFailed>(OnFailure);
        Receive<ClusterEvent.UnreachableMember>(m =>
        {
            Lost(m.Member.Address, "is unreachable");
            // No need to wait for the split-brain resolver's stable-after: a worker's runs are already safe, and a
            // member left unreachable would block the cluster's convergence, hence every graceful leave.
            if (m.Member.Address != Cluster.SelfAddress) Cluster.Down(m.Member.Address);
        });
        Receive<ClusterEvent.MemberRemoved>(m => Lost(m.Member.Address, "left the cluster"));
        Receive<Terminated>(t => Lost(t.ActorRef.Path.Address, "stopped its worker"));
        Receive<DisassociatedEvent>(e => Lost(e.RemoteAddress, "closed its connection"));
        Receive<ClusterEvent.ReachableMember>(m => Say($"node {m.Member.Address} is reachable again"));
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for <see cref="SessionCoordinatorActor"/>.</summary>
    public static Props Props(TextWriter log, ClusterSecret secret) => Akka.Actor.Props.Create(() => new SessionCoordinatorActor(log, secret));

    /// <inheritdoc />
    protected override void PreStart()
    {
        Cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.UnreachableMember), typeof(ClusterEvent.ReachableMember), typeof(ClusterEvent.MemberRemoved));
        Context.System.EventStream.Subscribe(Self, typeof(DisassociatedEvent));
        Timers.StartPeriodicTimer(nameof(AnswerHeld), new AnswerHeld(), HoldRequestsFor);
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        Cluster.Unsubscribe(Self);
        Context.System.EventStream.Unsubscribe(Self);
        batch?.Completion.TrySetException(new InvalidOperationException("the cluster coordinator stopped"));
    }

    private void OnSubmit(Submit submit)
    {
        if (ended || batch is not null)
        {
            submit.Completion.TrySetException(new InvalidOperationException(ended ? "the cluster session has ended" : "a batch is already running"));
            return;
        }
        var queue = new WorkQueue(submit.Batch.RunIds, submit.Batch.AlreadyDone);
        if (queue.IsFinished)
        {
            submit.Completion.TrySetResult(0);
            return;
        }
        batch = new ActiveBatch($"{sessionId}-{++batches}", submit.Batch, queue, submit.Completion);
        ServeHeld();
    }

    private void OnEnd(End end)
    {
        if (batch is not null) FailBatch("the cluster session ended");
        if (!ended)
        {
            ended = true;
            // Nodes that went silent are taken out now: left in the membership they would hold up the graceful
            // leave of every other node until the failure detector and the split-brain resolver catch up.
            foreach (var address in lost) Cluster.Down(address);
            foreach (var worker in workers.Concat(held).Distinct()) worker.Tell(new SessionFinished(sessionId));
            held.Clear();
        }
        end.Done.TrySetResult();
    }

    private void OnRequest(RequestWork request)
    {
        if (request.SoftwareVersion != RunManifest.SoftwareVersion)
        {
            Sender.Tell(new Rejected($"the coordinator runs MarketSim {RunManifest.SoftwareVersion}, this node {request.SoftwareVersion}; results must come from one build"));
            Say($"node {Sender.Path.Address} rejected: software version {request.SoftwareVersion} differs");
            return;
        }
        if (!Proven(request)) return;
        lost.Remove(Sender.Path.Address);
        if (workers.Add(Sender))
        {
            Context.Watch(Sender);
            if (!ended) Say($"node {Sender.Path.Address} is working");
        }
        if (ended)
        {
            Sender.Tell(new SessionFinished(sessionId));
            return;
        }
        Offer(Sender);
    }

    /// <summary>Gives <paramref name="worker"/> the batch's next run, or holds its request.</summary>
    private void Offer(IActorRef worker)
    {
        if (batch is not null && batch.Queue.Next(Worker(worker.Path.Address)) is WorkOffer.Run run)
            worker.Tell(new Assignment(batch.Id, batch.Batch.File, batch.Batch.PlanText, batch.Batch.Values, run.RunId));
        else
            held.Add(worker);
    }

    /// <summary>Offers work to every held request whose node is not lost (those wait for the next NoWorkYet).</summary>
    private void ServeHeld()
    {
        var waiting = held;
        held = [];
        foreach (var worker in waiting)
        {
            if (lost.Contains(worker.Path.Address)) held.Add(worker);
            else Offer(worker);
        }
    }

    /// <summary>With a secret, work goes only to a node that answered this coordinator's challenge for its address.</summary>
    private bool Proven(RequestWork request)
    {
        if (!secret.IsSet) return true;
        var address = Sender.Path.Address;
        if (!nonces.TryGetValue(address, out var nonce))
        {
            nonce = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
            nonces[address] = nonce;
        }
        if (request.Proof.Length == 0)
        {
            Sender.Tell(new Challenge(nonce));
            return false;
        }
        if (secret.Verify(request.Proof, "request", nonce, address.ToString(), request.SoftwareVersion)) return true;
        Sender.Tell(new Rejected("authentication failed: this node does not hold the session's secret (--secret-file)"));
        Say($"node {address} rejected: it does not hold the session's secret");
        return false;
    }

    /// <summary>A failure fails the batch only when it is proven and comes from the node the run was given to.</summary>
    private void OnFailure(RunFailed failure)
    {
        var source = Worker(Sender.Path.Address);
        if (batch is null || failure.BatchId != batch.Id) return;
        if (!batch.Queue.AssignedTo(source).Contains(failure.RunId) || !secret.Verify(failure.Proof, "failed", failure.BatchId, failure.RunId, failure.Error))
        {
            Say($"failure report for run {failure.RunId} from {source} ignored: that node was not given the run or the report is not proven by the session's secret");
            return;
        }
        FailBatch($"run {failure.RunId} failed on {source}: {failure.Error}");
    }

    private async Task OnPieceAsync(ResultChunk piece)
    {
        var current = batch;
        if (current is null || piece.BatchId != current.Id) return;   // a late result of an earlier batch
        var source = Worker(Sender.Path.Address);
        if (current.Queue.IsDone(piece.RunId)) return;   // a late duplicate
        if (!current.Queue.AssignedTo(source).Contains(piece.RunId) || !secret.Verify(piece.Proof, "result", ResultPieces.ProofParts(piece)))
        {
            Say($"result piece of run {piece.RunId} from {source} ignored: that node was not given the run or the piece is not proven by the session's secret");
            return;
        }
        lost.Remove(Sender.Path.Address);   // alive after all (a closed connection was only a blip)
        byte[]? file;
        try
        {
            file = current.Pieces.Add(source, piece);
        }
        catch (InvalidDataException e)
        {
            // Pieces lost on a broken connection: treat the sender as lost; its runs are made again.
            Say(e.Message);
            Lost(Sender.Path.Address, "sent an incomplete result");
            return;
        }
        if (file is null) return;
        if (await RunFileCheck.ProblemAsync(file, piece.RunId).ConfigureAwait(true) is { } problem)
        {
            Say($"result of run {piece.RunId} from {source} rejected: {problem}");
            Lost(Sender.Path.Address, "sent a result that is not the run it was given");
            return;
        }
        try
        {
            await current.Batch.AcceptAsync(piece.RunId, file).ConfigureAwait(true);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            FailBatch($"cannot write run {piece.RunId}: {e.Message}");
            return;
        }
        current.Queue.Complete(piece.RunId);
        current.Written++;
        if (!current.Queue.IsFinished) return;
        batch = null;
        current.Completion.TrySetResult(current.Written);
    }

    private void Lost(Address address, string why)
    {
        if (ended || address == Cluster.SelfAddress) return;
        var worker = Worker(address);
        lost.Add(address);
        var back = batch?.Queue.Release(worker) ?? [];
        batch?.Pieces.Drop(worker);
        var wasWorking = workers.RemoveWhere(w => w.Path.Address == address) > 0;
        if (wasWorking || back.Count > 0)
            Say($"node {address} {why}: {back.Count} run(s) back in the queue{(back.Count > 0 ? ": " + string.Join(", ", back) : "")}");
        if (back.Count > 0) ServeHeld();
    }

    private void FailBatch(string message)
    {
        var current = batch;
        batch = null;
        current?.Completion.TrySetException(new InvalidOperationException(message));
    }

    private Akka.Cluster.Cluster Cluster => Akka.Cluster.Cluster.Get(Context.System);

    private void Say(string message) => log.WriteLine($"cluster: {message}");

    private static string Worker(Address address) => address.ToString();

    /// <summary>Run <paramref name="Batch"/> next; <paramref name="Completion"/> gets the number of runs accepted, or the batch's error.</summary>
    internal sealed record Submit(ClusterBatch Batch, TaskCompletionSource<int> Completion);

    /// <summary>Give up the running batch (its caller was cancelled): no file of it is accepted after <paramref name="Done"/>.</summary>
    internal sealed record Abandon(TaskCompletionSource Done);

    /// <summary>End the session: every worker is told <see cref="SessionFinished"/>.</summary>
    internal sealed record End(TaskCompletionSource Done);

    private sealed record AnswerHeld;

    private sealed class ActiveBatch(string id, ClusterBatch batch, WorkQueue queue, TaskCompletionSource<int> completion)
    {
        public string Id { get; } = id;
        public ClusterBatch Batch { get; } = batch;
        public WorkQueue Queue { get; } = queue;
        public ResultPieces Pieces { get; } = new();
        public TaskCompletionSource<int> Completion { get; } = completion;
        public int Written { get; set; }
    }
}
