using Akka.Actor;
using Akka.Configuration;

namespace MarketSim.Agents.Running;

/// <summary>Creates the actor system runs share: a fork-join dispatcher sized to the worker count, quiet logging.</summary>
public static class MarketActorSystem
{
    /// <summary>An actor system whose actors run on <paramref name="workers"/> threads.</summary>
    public static ActorSystem Create(int workers, string name = "marketsim", Config? extra = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        var config = ConfigurationFactory.ParseString($$"""
            akka {
              loglevel = WARNING
              stdout-loglevel = WARNING
              log-dead-letters = off
              log-dead-letters-during-shutdown = off
              actor.default-dispatcher {
                type = ForkJoinDispatcher
                throughput = 100
                dedicated-thread-pool {
                  thread-count = {{workers}}
                }
              }
            }
            """);
        if (extra is not null) config = extra.WithFallback(config);
        return ActorSystem.Create(name, config);
    }
}
