using Akka.Actor;
using Akka.Cluster;
using Akka.Remote;
using MarketSim.Experiments.Output;
using MarketSim.Experiments.Sweeps;
using static MarketSim.Experiments.Cluster.ClusterSweepProtocol;

namespace MarketSim.Experiments.Cluster;

/// <summary>
/// The coordinator's actor: answers work requests from the <see cref="WorkQueue"/>, writes each run's file the
/// first time it arrives (atomically, then the manifest), and puts a lost node's runs back in the queue as soon
/// as there is a sign of loss: its connection closed (a killed process shows up here at once), the cluster marks
/// it unreachable or removes it, or its worker stops. A false alarm costs only duplicate work: whichever result
/// of a run comes first is written and any later one is ignored. All decisions are the queue's; this only routes.
/// Completes <paramref name="completion"/> with the number of runs written, or with the sweep's error.
/// </summary>
public sealed class SweepCoordinatorActor : ReceiveActor
{
    private readonly SweepPlan plan;
    private readonly string folder;
    private readonly string runsFolder;
    private readonly WorkQueue queue;
    private readonly ResultPieces pieces = new();
    private readonly ISweepProgress progress;
    private readonly TextWriter log;
    private readonly TaskCompletionSource<int> completion;
    private readonly string sweepId = Guid.NewGuid().ToString("N");
    private readonly Dictionary<string, PlannedRun> runsById;
    private readonly HashSet<IActorRef> workers = [];
    private readonly HashSet<Address> lost = [];
    private readonly Dictionary<string, RunRecord> recorded;
    private readonly SweepLedger ledger;
    private readonly System.Diagnostics.Stopwatch sinceSnapshot = System.Diagnostics.Stopwatch.StartNew();
    private readonly ClusterSecret secret;
    private readonly Dictionary<Address, string> nonces = [];
    private int written;
    private bool over;

    /// <summary>Creates the coordinator of <paramref name="plan"/> writing into <paramref name="folder"/>.</summary>
    public SweepCoordinatorActor(SweepPlan plan, string folder, Dictionary<string, RunRecord> recorded, SweepLedger ledger, ISweepProgress progress,
        TextWriter log, TaskCompletionSource<int> completion, ClusterSecret secret)
    {
        this.secret = secret;
        this.recorded = recorded;
        this.ledger = ledger;
        this.plan = plan;
        this.folder = folder;
        this.progress = progress;
        this.log = log;
        this.completion = completion;
        runsFolder = Path.Combine(folder, SweepManifest.RunsFolder);
        runsById = plan.Runs.ToDictionary(r => r.RunId, StringComparer.Ordinal);
        queue = new WorkQueue(plan.Runs.Select(r => r.RunId), recorded.Keys.ToList());

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

    /// <summary>Props for <see cref="SweepCoordinatorActor"/>.</summary>
    public static Props Props(SweepPlan plan, string folder, Dictionary<string, RunRecord> recorded, SweepLedger ledger, ISweepProgress progress,
        TextWriter log, TaskCompletionSource<int> completion, ClusterSecret secret)
        => Akka.Actor.Props.Create(() => new SweepCoordinatorActor(plan, folder, recorded, ledger, progress, log, completion, secret));

    /// <inheritdoc />
    protected override void PreStart()
    {
        Cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.UnreachableMember), typeof(ClusterEvent.ReachableMember), typeof(ClusterEvent.MemberRemoved));
        Context.System.EventStream.Subscribe(Self, typeof(DisassociatedEvent));
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        Cluster.Unsubscribe(Self);
        Context.System.EventStream.Unsubscribe(Self);
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
            if (!over) Say($"node {Sender.Path.Address} is working");
        }
        if (over)
        {
            Sender.Tell(new SweepFinished(sweepId));
            return;
        }
        switch (queue.Next(Worker(Sender.Path.Address)))
        {
            case WorkOffer.Run run:
                Sender.Tell(new Assignment(sweepId, plan.File, plan.SourceText, run.RunId));
                break;
            case WorkOffer.Wait:
                Sender.Tell(new NoWorkYet());
                break;
            default:
                Sender.Tell(new SweepFinished(sweepId));
                break;
        }
    }

    /// <summary>With a secret, work goes only to a node that answered this coordinator's challenge for its address.</summary>
    private bool Proven(RequestWork request)
    {
        if (!secret.IsSet) return true;
        var address = Sender.Path.Address;
        if (!nonces.TryGetValue(address, out string? nonce))
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
        Sender.Tell(new Rejected("authentication failed: this node does not hold the sweep's secret (--secret-file)"));
        Say($"node {address} rejected: it does not hold the sweep's secret");
        return false;
    }

    /// <summary>A failure aborts the sweep only when it is proven and comes from the node the run was given to.</summary>
    private void OnFailure(RunFailed failure)
    {
        string source = Worker(Sender.Path.Address);
        if (over || failure.SweepId != sweepId) return;
        if (!queue.AssignedTo(source).Contains(failure.RunId) || !secret.Verify(failure.Proof, "failed", failure.SweepId, failure.RunId, failure.Error))
        {
            Say($"failure report for run {failure.RunId} from {source} ignored: that node was not given the run or the report is not proven by the sweep's secret");
            return;
        }
        Fail($"run {failure.RunId} failed on {source}: {failure.Error}");
    }

    private async Task OnPieceAsync(ResultChunk piece)
    {
        if (over || piece.SweepId != sweepId) return;
        string source = Worker(Sender.Path.Address);
        if (queue.IsDone(piece.RunId)) return;   // a late duplicate
        if (!queue.AssignedTo(source).Contains(piece.RunId) || !secret.Verify(piece.Proof, "result", ResultPieces.ProofParts(piece)))
        {
            Say($"result piece of run {piece.RunId} from {source} ignored: that node was not given the run or the piece is not proven by the sweep's secret");
            return;
        }
        lost.Remove(Sender.Path.Address);   // alive after all (a closed connection was only a blip)
        byte[]? file;
        try
        {
            file = pieces.Add(source, piece);
        }
        catch (InvalidDataException e)
        {
            // Pieces lost on a broken connection: treat the sender as lost; its runs are made again.
            Say(e.Message);
            Lost(Sender.Path.Address, "sent an incomplete result");
            return;
        }
        if (file is null) return;
        if (!runsById.TryGetValue(piece.RunId, out var run)) return;
        if (queue.IsDone(piece.RunId))
        {
            Say($"run {piece.RunId} from {source} ignored: already written");
            return;
        }
        if (await RunFileCheck.ProblemAsync(file, piece.RunId).ConfigureAwait(true) is { } problem)
        {
            Say($"result of run {piece.RunId} from {source} rejected: {problem}");
            Lost(Sender.Path.Address, "sent a result that is not the run it was given");
            return;
        }
        try
        {
            await AtomicFile.WriteAsync(SweepRunner.RunFile(runsFolder, run), s => s.WriteAsync(file).AsTask()).ConfigureAwait(true);
            queue.Complete(piece.RunId);
            written++;
            // The hash is the coordinator's own, of the bytes it wrote: what --resume checks the file against.
            var record = new RunRecord(piece.RunId, FileHash.Of(file));
            ledger.Append(record);
            lock (recorded) recorded[piece.RunId] = record;
            if (sinceSnapshot.Elapsed >= SweepRunner.SnapshotInterval)
            {
                SweepManifest snapshot;
                lock (recorded) snapshot = SweepManifest.From(plan, recorded);
                await snapshot.WriteAsync(folder).ConfigureAwait(true);
                sinceSnapshot.Restart();
            }
        }
        catch (IOException e)
        {
            Fail($"cannot write run {piece.RunId}: {e.Message}");
            return;
        }
        progress.RunFinished(piece.RunId, queue.Done, queue.Total);
        if (queue.IsFinished) End(() => completion.TrySetResult(written));
    }

    private void Lost(Address address, string why)
    {
        if (over || address == Cluster.SelfAddress) return;
        string worker = Worker(address);
        lost.Add(address);
        var back = queue.Release(worker);
        pieces.Drop(worker);
        bool wasWorking = workers.RemoveWhere(w => w.Path.Address == address) > 0;
        if (wasWorking || back.Count > 0)
            Say($"node {address} {why}: {back.Count} run(s) back in the queue{(back.Count > 0 ? ": " + string.Join(", ", back) : "")}");
    }

    private void Fail(string message)
    {
        if (over) return;
        End(() => completion.TrySetException(new InvalidOperationException(message)));
    }

    private void End(Action complete)
    {
        over = true;
        // Nodes that went silent are taken out now: left in the membership they would hold up the graceful
        // leave of every other node until the failure detector and the split-brain resolver catch up.
        foreach (var address in lost) Cluster.Down(address);
        foreach (var worker in workers) worker.Tell(new SweepFinished(sweepId));
        complete();
    }

    private Akka.Cluster.Cluster Cluster => Akka.Cluster.Cluster.Get(Context.System);

    private void Say(string message) => log.WriteLine($"cluster: {message}");

    private static string Worker(Address address) => address.ToString();
}
