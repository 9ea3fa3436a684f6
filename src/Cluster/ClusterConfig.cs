using Akka.Configuration;
using AkkaConfig = Akka.Configuration.Config;

namespace MarketSim.Cluster;

/// <summary>
/// Akka settings of the sweep cluster. The coordinator is the first (and only) seed node, hence always the
/// oldest member; split-brain resolution keeps the side with the oldest member, so a killed or partitioned
/// worker is downed and removed a few seconds after it stops answering heartbeats, while the coordinator never
/// downs itself. (The coordinator does not wait for the downing: it hands a worker's runs to others as soon as
/// the worker is unreachable, and a late result is simply ignored.)
/// </summary>
public static class ClusterConfig
{
    /// <summary>Actor system name, the same on every node (it is part of every Akka address).</summary>
    public const string SystemName = "marketsim";

    /// <summary>Name of the coordinator actor on the coordinator node.</summary>
    public const string CoordinatorName = "sweep-coordinator";

    /// <summary>Name of the worker actor on a worker node.</summary>
    public const string WorkerName = "sweep-worker";

    /// <summary>Settings of the coordinator: it listens on <paramref name="bindHost"/>:port, advertises
    /// <paramref name="address"/> and is its own seed node.</summary>
    public static AkkaConfig Coordinator(ClusterAddress address, string bindHost)
    {
        ArgumentNullException.ThrowIfNull(address);
        return Build(bindHost, address.Host, address.Port, address.ToAkkaAddress(SystemName), "coordinator");
    }

    /// <summary>Settings of a worker node listening on <paramref name="bindHost"/>:<paramref name="port"/>
    /// (0 = any free port) that joins through the coordinator at <paramref name="seed"/>.</summary>
    public static AkkaConfig Worker(ClusterAddress seed, string bindHost, int port)
    {
        ArgumentNullException.ThrowIfNull(seed);
        return Build(bindHost, bindHost, port, seed.ToAkkaAddress(SystemName), "worker");
    }

    private static AkkaConfig Build(string bindHost, string publicHost, int port, string seed, string role)
    {
        var serializer = $"{typeof(ClusterSweepSerializer).FullName}, {typeof(ClusterSweepSerializer).Assembly.GetName().Name}";
        var messages = $"{typeof(IClusterSweepMessage).FullName}, {typeof(IClusterSweepMessage).Assembly.GetName().Name}";
        var logger = $"{typeof(StandardErrorLogger).FullName}, {typeof(StandardErrorLogger).Assembly.GetName().Name}";
        return ConfigurationFactory.ParseString($$"""
            akka {
              # Akka's own warnings go to stderr: stdout carries the command's progress lines.
              loggers = ["{{logger}}"]
              actor {
                provider = cluster
                serializers { marketsim-sweep = "{{serializer}}" }
                serialization-bindings { "{{messages}}" = marketsim-sweep }
              }
              remote {
                log-remote-lifecycle-events = off
                # A node started before its coordinator retries soon instead of after the default 5 s.
                retry-gate-closed-for = 1s
                dot-netty.tcp {
                  hostname = "{{bindHost}}"
                  public-hostname = "{{publicHost}}"
                  port = {{port}}
                }
              }
              cluster {
                seed-nodes = ["{{seed}}"]
                roles = [{{role}}]
                log-info = off
                downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
                split-brain-resolver {
                  active-strategy = keep-oldest
                  stable-after = 3s
                  # Never down every node because a dead worker made the membership look unstable for a while.
                  down-all-when-unstable = off
                  keep-oldest.down-if-alone = off
                }
              }
            }
            """);
    }
}
