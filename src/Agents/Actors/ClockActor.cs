using Akka.Actor;
using MarketSim.Agents.Protocol;
using MarketSim.Agents.Recording;
using MarketSim.Market;
using MarketSim.Market.Accounting;
using MarketSim.Market.Choice;
using MarketSim.Market.Network;
using MarketSim.Market.Population;
using MarketSim.Market.Pricing;
using MarketSim.Market.Providers;
using MarketSim.Market.Randomness;

namespace MarketSim.Agents.Actors;

/// <summary>
/// Runs the tick barrier of one market run. Each tick: users review contracts (all blocks, in parallel) ->
/// transport solve for the new portfolios -> providers bill and set prices -> recorder. Replies are stored by
/// block / provider index and combined in that order, never in arrival order, so results do not depend on
/// scheduling. The clock owns its children; any child failure stops the run with that error.
/// With per-user output the blocks' user states ride on their replies and go to the user recorder in block order,
/// one tick at a time: the clock starts the next tick while the user recorder writes, but never hands it a second
/// tick before the first is acknowledged, so at most two ticks of users are held however slow the disk.
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
    private readonly IActorRef? userRecorder;
    private readonly BlockOutcome?[] outcomes;
    private readonly ProviderProtocol.Settled?[] settled;
    private readonly UserStates?[]? userStates;
    private readonly double[] prices;
    private MarketSettlement settlement;
    private MarketTotals? totals;
    private ThroughputTable? throughput;
    private readonly CounterRandom random;
    private readonly bool networksCanFail;
    private OutageMonth? outages;
    private Market.Dynamics.LocationBeliefs? beliefs;
    private double? adoptedShare; // MPTCP-capable share when adoption responds to multipath users' gain; null otherwise
    private int tick;
    private int pending;
    private long transportSolves;
    private bool usersInFlight;
    private int completionsPending;
    private long recordedRows;
    private RecorderProtocol.RecordUsers? usersWaiting;
    private readonly PhaseClock phases = new();
    private OraclePricing Oracle { get; }
    private EquilibriumCheck? equilibrium;

    /// <summary>Props for a run; <paramref name="userSink"/> is null unless the run records per-user output.</summary>
    public static Props Props(MarketSpec spec, ulong seed, int blockSize, IMetricsSink sink, IUserSink? userSink, TaskCompletionSource<RunSummary> completion)
        => Akka.Actor.Props.Create(() => new ClockActor(spec, seed, blockSize, sink, userSink, completion));

    /// <summary>Creates the run's actors.</summary>
    public ClockActor(MarketSpec spec, ulong seed, int blockSize, IMetricsSink sink, IUserSink? userSink, TaskCompletionSource<RunSummary> completion)
    {
        this.spec = spec;
        this.completion = completion;
        structure = spec.BuildStructure();
        random = new CounterRandom(seed);
        networksCanFail = Outages.AnyCanFail(spec.Providers);
        var partition = UserPartition.ByLocation(structure, random, spec.Population.Users, blockSize);
        var blockCount = partition.Length;
        blocks = new IActorRef[blockCount];
        for (var b = 0; b < blockCount; b++)
        {
            var ids = partition[b];
            var index = b;
            blocks[b] = Context.ActorOf(UserBlockActor.Props(index, () => UserBlock.Create(structure, spec.Population, random, ids), userSink is not null), $"users-{b}");
        }
        // Shared by the providers that price with the demand oracle and used for the run's closing equilibrium check;
        // it draws the users only when first asked.
        Oracle = new OraclePricing(spec, seed);
        providers = spec.Providers.Select(p => Context.ActorOf(ProviderActor.Props(spec, p.Index, seed, Oracle), $"isp-{p.Index}")).ToArray();
        network = Context.ActorOf(NetworkActor.Props(() => new AccessNetwork(structure, spec.MultipathController, spec.Population.Activity, mobility: spec.Population.Mobility)), "network");
        recorder = Context.ActorOf(RecorderActor.Props(sink), "recorder");
        if (userSink is not null) userRecorder = Context.ActorOf(UserRecorderActor.Props(userSink), "user-recorder");
        outcomes = new BlockOutcome?[blockCount];
        settled = new ProviderProtocol.Settled?[providers.Length];
        userStates = userSink is null ? null : new UserStates?[blockCount];
        prices = spec.Providers.Select(p => p.InitialPrice).ToArray();
        settlement = new MarketSettlement(spec, structure);

        Receive<ClockProtocol.StartRun>(_ => Guard(StartRun));
        Receive<UserBlockProtocol.InitialCounts>(m => Guard(() => OnInitialCounts(m)));
        Receive<UserBlockProtocol.ContractsReviewed>(m => Guard(() => OnReviewed(m)));
        Receive<NetworkProtocol.Solved>(m => Guard(() => OnSolved(m)));
        Receive<ProviderProtocol.Settled>(m => Guard(() => OnSettled(m)));
        Receive<RecorderProtocol.UsersRecorded>(_ => Guard(OnUsersRecorded));
        Receive<RecorderProtocol.Completed>(m => Guard(() => OnOutputCompleted(m.Rows)));
        Receive<RecorderProtocol.UsersCompleted>(_ => Guard(() => OnOutputCompleted(0)));
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
        // The oracle's users (a copy of the population for "what if" demand) are drawn in the background while the months
        // run: they are a pure function of the seed, the closing check needs them anyway, and the months leave a core
        // idle now and then (settling, message round trips). A failure is the oracle's to report when the check asks.
        _ = Task.Run(() => Oracle.Oracle).ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
        tick = 0;
        pending = blocks.Length;
        settlement = new MarketSettlement(spec, structure);
        totals = MarketTotals.Empty(structure.CellCount, providers.Length);
        outages = null;
        beliefs = spec.Population.Information is null ? null : Market.Dynamics.LocationBeliefs.Uninformed(structure);
        adoptedShare = spec.Population.Adoption is { ValueFeedback: > 0 } ? spec.Population.MptcpShare : null;
        foreach (var block in blocks) block.Tell(new UserBlockProtocol.ReportInitialCounts());
        if (blocks.Length == 0) SolveNetwork();
    }

    private void OnInitialCounts(UserBlockProtocol.InitialCounts m)
    {
        outcomes[m.BlockIndex] = m.Opening;
        if (userStates is not null) userStates[m.BlockIndex] = m.Users;
        if (--pending > 0) return;
        // Tick 0 is the starting market: the blocks' opening outcomes (contracts, month-0 bills, no churn), summed in
        // block order like any month's.
        totals = MarketTotals.Sum(structure.CellCount, providers.Length, outcomes.Select(o => o!));
        Array.Clear(outcomes);
        SolveNetwork();
    }

    private void ReviewContracts()
    {
        pending = blocks.Length;
        var view = new MarketView(tick, prices.ToArray(), throughput!, settlement.Withdrawn(), outages, beliefs, adoptedShare);
        phases.Begin(PhaseClock.Phase.Decisions);
        foreach (var block in blocks) block.Tell(new UserBlockProtocol.ReviewContracts(view));
    }

    private void OnReviewed(UserBlockProtocol.ContractsReviewed m)
    {
        outcomes[m.BlockIndex] = m.Outcome;
        if (userStates is not null) userStates[m.BlockIndex] = m.Users;
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
        // The month's outages cut the solved rates to what users lived through; the solver keeps its own state.
        outages = networksCanFail ? Outages.Draw(structure, random, tick) : null;
        throughput = outages is null ? m.Throughput : outages.Apply(m.Throughput);
        // What the month's users measured and told each other, for next month's reviews.
        if (spec.Population.Information is { } information) beliefs = beliefs!.Next(information, totals!.CellCounts);
        // Imitators see what the month's multipath users got: next month's adoption step uses it.
        if (adoptedShare is { } share && spec.Population.Adoption is { } bass)
            adoptedShare = bass.Step(share, bass.ImitationFactor(Market.Dynamics.MultipathGain.Of(structure, totals!.CellCounts, throughput)));
        transportSolves++;
        phases.AddTransport(m.ComputeSeconds);
        phases.Begin(PhaseClock.Phase.Settle);
        var month = settlement.Demands(totals!, prices, throughput, outages);
        // One read-only copy for every provider: the array itself changes when the next prices come in.
        var charged = Array.AsReadOnly(prices.ToArray());
        pending = providers.Length;
        for (var p = 0; p < providers.Length; p++)
            providers[p].Tell(new ProviderProtocol.Settle(tick, spec.Population.Users, month.ConnectedShare, month.Demands[p], charged, throughput));
    }

    private void OnSettled(ProviderProtocol.Settled m)
    {
        settled[m.Books.Provider] = m;
        if (--pending > 0) return;
        phases.End(PhaseClock.Phase.Settle);
        var closed = settlement.Close(tick, totals!, settled.Select(s => s!.Books).ToArray());
        recorder.Tell(new RecorderProtocol.Record(closed.Market, closed.Providers));
        // The run's closing epsilon-Nash check: the last month's fees against unilateral deviations, at its throughput.
        if (tick == spec.Ticks)
        {
            phases.Begin(PhaseClock.Phase.Check);
            equilibrium = Oracle.Check(tick, throughput!, prices.ToArray());
            phases.End(PhaseClock.Phase.Check);
        }
        for (var p = 0; p < providers.Length; p++) prices[p] = settled[p]!.NextPrice;
        Array.Clear(settled);
        var users = TakeUsers();
        if (users is null) Advance();
        else if (usersInFlight) usersWaiting = users;   // resumed by OnUsersRecorded: bounded memory, not speed
        else SendUsersAndAdvance(users);
    }

    /// <summary>This tick's user states in block order, for the recorder; null without per-user output.</summary>
    private RecorderProtocol.RecordUsers? TakeUsers()
    {
        if (userStates is null) return null;
        var blocksInOrder = userStates.Select((s, b) => s ?? throw new InvalidOperationException($"block {b} sent no user states")).ToArray();
        Array.Clear(userStates);
        return new RecorderProtocol.RecordUsers(tick, blocksInOrder, throughput!);
    }

    private void SendUsersAndAdvance(RecorderProtocol.RecordUsers users)
    {
        userRecorder!.Tell(users);
        usersInFlight = true;
        Advance();
    }

    private void OnUsersRecorded()
    {
        usersInFlight = false;
        if (usersWaiting is not { } next) return;
        usersWaiting = null;
        SendUsersAndAdvance(next);
    }

    /// <summary>Next tick, or the end of the run (after every tick's rows, since each recorder gets them in order).</summary>
    private void Advance()
    {
        if (tick == spec.Ticks)
        {
            completionsPending = userRecorder is null ? 1 : 2;
            recorder.Tell(new RecorderProtocol.Complete());
            userRecorder?.Tell(new RecorderProtocol.CompleteUsers());
            return;
        }
        tick++;
        ReviewContracts();
    }

    /// <summary>The run is over once every recorder has finished its output; the summary counts the aggregated rows.</summary>
    private void OnOutputCompleted(long rows)
    {
        recordedRows += rows;
        if (--completionsPending > 0) return;
        completion.TrySetResult(new RunSummary(spec.Ticks, spec.Population.Users, blocks.Length, recordedRows, transportSolves, phases.Finish(),
            equilibrium, Oracle.NashResiduals.TryGetValue(spec.Ticks, out var residual) ? residual : null));
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
