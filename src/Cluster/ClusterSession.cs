using Akka.Actor;
using MarketSim.Agents.Running;
using MarketSim.Reports.Results;

namespace MarketSim.Cluster;

/// <summary>
/// This process as the coordinator and seed node of an Akka.Cluster, for as long as it is needed: batches of runs are
/// run one after another (<see cref="RunBatchAsync"/>) by the worker nodes (`marketsim node --seed-node ADDR`), which
/// stay joined between batches, so a calibration or a deviation-search game can submit its next batch once it has seen
/// the last one's results. Disposing ends the session: every worker is told so and leaves, and this node leaves the
/// cluster. The coordinator makes no runs itself.
/// </summary>
public sealed class ClusterSession : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly ActorSystem system;
    private readonly IActorRef coordinator;
    private bool disposed;

    private ClusterSession(ActorSystem system, IActorRef coordinator)
    {
        this.system = system;
        this.coordinator = coordinator;
    }

    /// <summary>Listens on <paramref name="bindHost"/> at <paramref name="address"/>'s port, advertising
    /// <paramref name="address"/>; a port that cannot be had is bad input (exit 2) before anything is written.</summary>
    public static ClusterSession Start(ClusterAddress address, string bindHost, TextWriter log, ClusterSecret? secret = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(log);
        ActorSystem system;
        try
        {
            system = MarketActorSystem.Create(2, ClusterConfig.SystemName, ClusterConfig.Coordinator(address, bindHost));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var inner = e.GetBaseException();
            throw new ConfigException("command line", 0, "--cluster",
                $"cannot listen on {bindHost}:{address.Port} ({inner.Message}); is another coordinator using the port?");
        }
        var coordinator = system.ActorOf(SessionCoordinatorActor.Props(log, secret ?? ClusterSecret.None), ClusterConfig.CoordinatorName);
        log.WriteLine($"cluster: coordinator listening on {bindHost}:{address.Port} as {address}; add workers with: marketsim node --seed-node {address}");
        return new ClusterSession(system, coordinator);
    }

    /// <summary>Has the workers make <paramref name="batch"/>'s runs (waiting for workers as long as it takes) and
    /// returns how many files it accepted. A run that fails fails the batch. On cancellation no file of the batch is
    /// accepted once this returns.</summary>
    public async Task<int> RunBatchAsync(ClusterBatch batch, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(disposed, this);
        var completion = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        coordinator.Tell(new SessionCoordinatorActor.Submit(batch, completion));
        try
        {
            return await completion.Task.WaitAsync(cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The coordinator handles one message at a time: once it has abandoned the batch, no file of it is being accepted.
            var abandoned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            coordinator.Tell(new SessionCoordinatorActor.Abandon(abandoned));
            try
            {
                await abandoned.Task.WaitAsync(Patience, CancellationToken.None).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // A file write stuck that long: report the cancellation anyway.
            }
            throw;
        }
    }

    /// <summary>Ends the session: the workers are told to stop, and this node leaves the cluster.</summary>
    public async ValueTask DisposeAsync()
    {
        if (disposed) return;
        disposed = true;
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        coordinator.Tell(new SessionCoordinatorActor.End(ended));
        try
        {
            await ended.Task.WaitAsync(Patience).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Leave anyway: the workers see the coordinator leave and stop.
        }
        await ClusterShutdown.LeaveAsync(system).ConfigureAwait(false);
    }
}
