using System.Diagnostics;
using Akka.Actor;
using MarketSim.Agents.Protocol;
using MarketSim.Market.Network;

namespace MarketSim.Agents.Actors;

/// <summary>Hosts the access network's transport solve; keeps the solver so each tick warm-starts from the last.</summary>
public sealed class NetworkActor : ReceiveActor
{
    /// <summary>Props for the network of a run.</summary>
    public static Props Props(Func<AccessNetwork> createNetwork) => Akka.Actor.Props.Create(() => new NetworkActor(createNetwork));

    /// <summary>Builds the network on the actor's thread.</summary>
    public NetworkActor(Func<AccessNetwork> createNetwork)
    {
        var network = createNetwork();
        Receive<NetworkProtocol.Solve>(m =>
        {
            var start = Stopwatch.GetTimestamp();
            var table = network.Solve(m.CellCounts);
            Sender.Tell(new NetworkProtocol.Solved(m.Tick, table, Stopwatch.GetElapsedTime(start).TotalSeconds));
        });
    }
}
