namespace MarketSim.Agents.Protocol;

/// <summary>Messages to the clock of a run.</summary>
public static class ClockProtocol
{
    /// <summary>Begin tick 0.</summary>
    public sealed record StartRun;
}
