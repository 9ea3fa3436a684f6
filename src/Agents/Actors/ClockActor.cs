using Akka.Actor;
using MarketSim.Agents.Protocol;
using MarketSim.Agents.Running;
using MarketSim.Market;
using MarketSim.Market.Accounting;
using MarketSim.Market.Choice;
using MarketSim.Market.Network;
using MarketSim.Market.Population;
using MarketSim.Market.Providers;
using MarketSim.Market.Randomness;

namespace MarketSim.Agents.Actors;

/// <summary>
/// Runs the tick barrier of one market run. Each tick: users review contracts (all blocks, in parallel) ->
/// transport solve for the new portfolios -> providers bill and set prices -> recorder. Replies are stored by
/// block / provider index and combined in that order, never in arrival order, so results do not depend on
/// scheduling. The clock owns its children; any child failure stops the run with that error.
/// </summary>
public sealed class ClockActor : ReceiveActor
{
    private readonly MarketSpec spec;
    private readonly MarketStructure structure;
    private readonly TaskCompletionSource<RunSummary> completion;
    private readonly IActorRef[] blocks;
    private readonly IActorRef[] providers;
    private readonly IActorRef network;
    private readonly IActorRef recorder;
    private readonly BlockOutcome?[] outcomes;
    private readonly ProviderProtocol.Settled?[] settled;
    private readonly double[] prices;
    private int[] previousSubscribers;
    private MarketTotals? totals;
    private ThroughputTable? throughput;
    private int tick;
    private int pending;
    private long transportSolves;
    private readonly PhaseClock phases = new();

    /// <summary>Props for a run.</summary>
    public static Props Props(MarketSpec spec, ulong seed, int blockSize, IMetricsSink sink, TaskCompletionSource<RunSummary> completion)
        => Akka.Actor.Props.Create(() => new ClockActor(spec, seed, blockSize, sink, completion));

    /// <summary>Creates the run's actors.</summary>
    public ClockActor(MarketSpec spec, ulong seed, int blockSize, IMetricsSink sink, TaskCompletionSource<RunSummary> completion)
    {
        this.spec = spec;
        this.completion = completion;
        structure = spec.BuildStructure();
        var random = new CounterRandom(seed);
        int users = spec.Population.Users;
        int blockCount = (users + blockSize - 1) / blockSize;
        blocks = new IActorRef[blockCount];
        for (int b = 0; b < blockCount; b++)
        {
            long first = (long)b * blockSize;
            int count = (int)Math.Min(blockSize, users - first);
            int index = b;
            blocks[b] = Context.ActorOf(UserBlockActor.Props(index, () => UserBlock.Create(structure, spec.Population, random, first, count)), $"users-{b}");
        }
        providers = spec.Providers.Select(p => Context.ActorOf(ProviderActor.Props(spec, p.Index, seed), $"isp-{p.Index}")).ToArray();
        network = Context.ActorOf(NetworkActor.Props(() => new AccessNetwork(structure, spec.MultipathController, spec.Population.Activity)), "network");
        recorder = Context.ActorOf(RecorderActor.Props(sink), "recorder");
        outcomes = new BlockOutcome?[blockCount];
        settled = new ProviderProtocol.Settled?[providers.Length];
        prices = spec.Providers.Select(p => p.InitialPrice).ToArray();
        previousSubscribers = new int[providers.Length];

        Receive<ClockProtocol.StartRun>(_ => Guard(StartRun));
        Receive<UserBlockProtocol.InitialCounts>(m => Guard(() => OnInitialCounts(m)));
        Receive<UserBlockProtocol.ContractsReviewed>(m => Guard(() => OnReviewed(m)));
        Receive<NetworkProtocol.Solved>(m => Guard(() => OnSolved(m)));
        Receive<ProviderProtocol.Settled>(m => Guard(() => OnSettled(m)));
        Receive<RecorderProtocol.Completed>(m => Guard(() => OnRecorderCompleted(m)));
    }

    /// <summary>Any child failure ends the run with that failure: a crashed block cannot be replayed silently.
    /// The run's task carries the error to the caller, who reports it once: no second report in the log.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(
        error =>
        {
            Fail(error);
            return Directive.Stop;
        },
        loggingEnabled: false);

    private void StartRun()
    {
        phases.Start();
        tick = 0;
        pending = blocks.Length;
        var initial = new int[structure.CellCount];
        totals = new MarketTotals(initial, new int[providers.Length], new int[providers.Length], new int[providers.Length], new long[providers.Length], 0, 0);
        foreach (var block in blocks) block.Tell(new UserBlockProtocol.ReportInitialCounts());
        if (blocks.Length == 0) SolveNetwork();
    }

    private void OnInitialCounts(UserBlockProtocol.InitialCounts m)
    {
        for (int k = 0; k < m.CellCounts.Count; k++) totals!.CellCounts[k] += m.CellCounts[k];
        if (--pending > 0) return;
        // Tick 0 is the starting market: contracts follow from the counts, bills are the plain fee (no month has
        // been measured yet), no churn.
        var subscribers = MarketAccounting.Subscribers(structure, totals!.CellCounts);
        for (int p = 0; p < providers.Length; p++)
        {
            totals.Contracts[p] = subscribers[p];
            totals.PaymentMicros[p] = subscribers[p] * (long)Math.Round(prices[p] * 1e6);
        }
        previousSubscribers = subscribers;
        SolveNetwork();
    }

    private void ReviewContracts()
    {
        pending = blocks.Length;
        var view = new MarketView(tick, prices.ToArray(), throughput!);
        phases.Begin(PhaseClock.Phase.Decisions);
        foreach (var block in blocks) block.Tell(new UserBlockProtocol.ReviewContracts(view));
    }

    private void OnReviewed(UserBlockProtocol.ContractsReviewed m)
    {
        outcomes[m.BlockIndex] = m.Outcome;
        phases.AddDecisionCpu(m.ComputeSeconds);
        if (--pending > 0) return;
        phases.End(PhaseClock.Phase.Decisions);
        totals = MarketTotals.Sum(structure.CellCount, providers.Length, outcomes.Select(o => o!));
        Array.Clear(outcomes);
        SolveNetwork();
    }

    private void SolveNetwork() => network.Tell(new NetworkProtocol.Solve(tick, totals!.CellCounts.ToArray()));

    private void OnSolved(NetworkProtocol.Solved m)
    {
        throughput = m.Throughput;
        transportSolves++;
        phases.AddTransport(m.ComputeSeconds);
        phases.Begin(PhaseClock.Phase.Settle);
        var subscribers = MarketAccounting.Subscribers(structure, totals!.CellCounts);
        var meanMbps = MarketAccounting.MeanThroughput(structure, totals.CellCounts, throughput);
        double connectedShare = (double)MarketAccounting.Connected(structure, totals.CellCounts) / spec.Population.Users;
        // One read-only copy for every provider: the array itself changes when the next prices come in.
        var charged = Array.AsReadOnly(prices.ToArray());
        pending = providers.Length;
        for (int p = 0; p < providers.Length; p++)
            providers[p].Tell(new ProviderProtocol.Settle(tick, subscribers[p], spec.Population.Users, totals.ChurnIn[p], totals.ChurnOut[p], meanMbps[p],
                totals.Payments(p), connectedShare, charged));
    }

    private void OnSettled(ProviderProtocol.Settled m)
    {
        settled[m.Books.Provider] = m;
        if (--pending > 0) return;
        phases.End(PhaseClock.Phase.Settle);
        var rows = settled.Select(s => s!.Books).ToArray();
        MarketInvariants.Check(tick, spec.Population.Users, totals!, previousSubscribers, rows);
        recorder.Tell(new RecorderProtocol.Record(MarketTick.From(tick, structure, totals!, rows, afterReviews: tick > 0), rows));
        for (int p = 0; p < providers.Length; p++) prices[p] = settled[p]!.NextPrice;
        previousSubscribers = rows.Select(r => r.Subscribers).ToArray();
        Array.Clear(settled);
        if (tick == spec.Ticks)
        {
            recorder.Tell(new RecorderProtocol.Complete());
            return;
        }
        tick++;
        ReviewContracts();
    }

    private void OnRecorderCompleted(RecorderProtocol.Completed m)
    {
        completion.TrySetResult(new RunSummary(spec.Ticks, spec.Population.Users, blocks.Length, m.Rows, transportSolves, phases.Finish()));
        Context.Stop(Self);
    }

    private void Guard(Action step)
    {
        try
        {
            step();
        }
        catch (Exception e)
        {
            Fail(e);
        }
    }

    private void Fail(Exception error)
    {
        completion.TrySetException(error);
        Context.Stop(Self);
    }
}
