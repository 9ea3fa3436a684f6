using System.Diagnostics;
using Akka.Actor;
using MarketSim.Agents.Protocol;
using MarketSim.Market.Population;

namespace MarketSim.Agents.Actors;

/// <summary>An end-user actor: owns one <see cref="UserBlock"/> and applies the pure choice rules to all of it.</summary>
public sealed class UserBlockActor : ReceiveActor
{
    /// <summary>Props for a block.</summary>
    /// <param name="blockIndex">Position of the block; replies carry it so the clock can order them.</param>
    /// <param name="createBlock">Draws the block's users.</param>
    /// <param name="reportUsers">Send the users' states with every reply (per-user output).</param>
    public static Props Props(int blockIndex, Func<UserBlock> createBlock, bool reportUsers = false)
        => Akka.Actor.Props.Create(() => new UserBlockActor(blockIndex, createBlock, reportUsers));

    /// <summary>Draws the block's users when the actor starts, on the actor's own thread.</summary>
    public UserBlockActor(int blockIndex, Func<UserBlock> createBlock, bool reportUsers)
    {
        var block = createBlock();
        Receive<UserBlockProtocol.ReportInitialCounts>(_ =>
        {
            Sender.Tell(new UserBlockProtocol.InitialCounts(blockIndex, block.Opening(), reportUsers ? UserStates.Capture(block, billing: null) : null));
        });
        Receive<UserBlockProtocol.ReviewContracts>(m =>
        {
            var start = Stopwatch.GetTimestamp();
            var outcome = block.Review(m.View);
            var users = reportUsers ? UserStates.Capture(block, m.View) : null;
            Sender.Tell(new UserBlockProtocol.ContractsReviewed(m.View.Tick, blockIndex, outcome, Stopwatch.GetElapsedTime(start).TotalSeconds, users));
        });
    }
}
