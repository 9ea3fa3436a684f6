using System.Diagnostics;
using Akka.Actor;
using MarketSim.Agents.Protocol;
using MarketSim.Market.Population;

namespace MarketSim.Agents.Actors;

/// <summary>An end-user actor: owns one <see cref="UserBlock"/> and applies the pure choice rules to all of it.</summary>
public sealed class UserBlockActor : ReceiveActor
{
    /// <summary>Props for a block.</summary>
    public static Props Props(int blockIndex, Func<UserBlock> createBlock) => Akka.Actor.Props.Create(() => new UserBlockActor(blockIndex, createBlock));

    /// <summary>Draws the block's users when the actor starts, on the actor's own thread.</summary>
    public UserBlockActor(int blockIndex, Func<UserBlock> createBlock)
    {
        var block = createBlock();
        Receive<UserBlockProtocol.ReportInitialCounts>(_ =>
        {
            var counts = new int[block.CellCount];
            block.AddCellCounts(counts);
            Sender.Tell(new UserBlockProtocol.InitialCounts(blockIndex, counts, block.InitialSegments()));
        });
        Receive<UserBlockProtocol.ReviewContracts>(m =>
        {
            long start = Stopwatch.GetTimestamp();
            var outcome = block.Review(m.View);
            Sender.Tell(new UserBlockProtocol.ContractsReviewed(m.View.Tick, blockIndex, outcome, Stopwatch.GetElapsedTime(start).TotalSeconds));
        });
    }
}
