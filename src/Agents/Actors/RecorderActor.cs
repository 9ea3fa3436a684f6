using Akka.Actor;
using MarketSim.Agents.Protocol;
using MarketSim.Agents.Recording;

namespace MarketSim.Agents.Actors;

/// <summary>Collects tidy rows tick by tick and hands them to the run's sink.</summary>
public sealed class RecorderActor : ReceiveActor
{
    /// <summary>Props for a recorder writing to <paramref name="sink"/>.</summary>
    public static Props Props(IMetricsSink sink) => Akka.Actor.Props.Create(() => new RecorderActor(sink));

    /// <summary>Creates the recorder.</summary>
    public RecorderActor(IMetricsSink sink)
    {
        long rows = 0;
        Receive<RecorderProtocol.Record>(m =>
        {
            sink.Append(m.Market, m.Rows);
            rows += m.Rows.Count;
        });
        Receive<RecorderProtocol.Complete>(_ =>
        {
            sink.Complete();
            Sender.Tell(new RecorderProtocol.Completed(rows));
        });
    }
}
