using Akka.Actor;
using MarketSim.Agents.Actors;
using MarketSim.Agents.Protocol;
using MarketSim.Agents.Recording;
using MarketSim.Market;

namespace MarketSim.Agents.Running;

/// <summary>Runs one market on an existing actor system (reuse one system for the many runs of a sweep).</summary>
public static class MarketRunner
{
    private static long runCounter;

    /// <summary>Runs the market to its last tick; the task fails with the run's error if any actor fails.</summary>
    public static Task<RunSummary> RunAsync(ActorSystem system, MarketSpec spec, ulong seed, int blockSize, IMetricsSink sink,
        CancellationToken cancellation = default)
        => RunAsync(system, spec, seed, blockSize, sink, users: null, cancellation);

    /// <summary>Runs the market to its last tick, also streaming every user's state each tick to <paramref name="users"/>
    /// when it is not null (per-user output); the task fails with the run's error if any actor fails.</summary>
    public static async Task<RunSummary> RunAsync(ActorSystem system, MarketSpec spec, ulong seed, int blockSize, IMetricsSink sink,
        IUserSink? users, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        var completion = new TaskCompletionSource<RunSummary>(TaskCreationOptions.RunContinuationsAsynchronously);
        var name = $"run-{Interlocked.Increment(ref runCounter)}";
        var clock = system.ActorOf(ClockActor.Props(spec, seed, blockSize, sink, users, completion), name);
        await using var registration = cancellation.Register(() =>
        {
            completion.TrySetCanceled(cancellation);
            system.Stop(clock);
        });
        clock.Tell(new ClockProtocol.StartRun());
        return await completion.Task.ConfigureAwait(false);
    }
}
