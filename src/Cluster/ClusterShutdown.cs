using Akka.Actor;

namespace MarketSim.Cluster;

/// <summary>Leaves the cluster gracefully (others see the node as removed, not as crashed) and stops the system.</summary>
internal static class ClusterShutdown
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public static async Task LeaveAsync(ActorSystem system)
    {
        try
        {
            await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClusterLeavingReason.Instance).WaitAsync(Patience).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A cluster that cannot converge (every other node gone) must not keep the process alive.
        }
        await system.Terminate().WaitAsync(Patience).ConfigureAwait(false);
    }
}
