using Akka.Actor;
using MarketSim.Agents.Protocol;
using MarketSim.Agents.Recording;

namespace MarketSim.Agents.Actors;

/// <summary>
/// Streams per-user rows to the run's <see cref="IUserSink"/>, one tick at a time, acknowledging each so the clock
/// can bound what is in flight. Kept apart from <see cref="RecorderActor"/> so a slow per-user write never delays
/// the aggregated rows.
/// </summary>
public sealed class UserRecorderActor : ReceiveActor
{
    /// <summary>Props for a user recorder writing to <paramref name="sink"/>.</summary>
    public static Props Props(IUserSink sink) => Akka.Actor.Props.Create(() => new UserRecorderActor(sink));

    /// <summary>Creates the user recorder.</summary>
    public UserRecorderActor(IUserSink sink)
    {
        long rows = 0;
        // Async handlers suspend the mailbox until the write is done: ticks are written one at a time, in order.
        ReceiveAsync<RecorderProtocol.RecordUsers>(async m =>
        {
            var sender = Sender;
            await sink.AppendAsync(m.Tick, m.Blocks, m.Throughput).ConfigureAwait(true);
            rows += m.Blocks.Sum(b => (long)b.Count);
            sender.Tell(new RecorderProtocol.UsersRecorded(m.Tick));
        });
        ReceiveAsync<RecorderProtocol.CompleteUsers>(async _ =>
        {
            var sender = Sender;
            await sink.CompleteAsync().ConfigureAwait(true);
            sender.Tell(new RecorderProtocol.UsersCompleted(rows));
        });
    }
}
