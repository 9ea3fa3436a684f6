using System.Diagnostics;

namespace MarketSim.Agents.Recording;

/// <summary>Accumulates the wall time of a run's phases for <see cref="PhaseTimes"/>. Measurement only.</summary>
internal sealed class PhaseClock
{
    private readonly double[] seconds = new double[3];
    private readonly long[] started = new long[3];
    private long runStart;
    private double decisionCpu;
    private double transport;

    public enum Phase
    {
        Decisions = 0,
        Settle = 1,
        Check = 2,
    }

    public void Start() => runStart = Stopwatch.GetTimestamp();

    public void Begin(Phase phase) => started[(int)phase] = Stopwatch.GetTimestamp();

    public void End(Phase phase) => seconds[(int)phase] += Stopwatch.GetElapsedTime(started[(int)phase]).TotalSeconds;

    public void AddDecisionCpu(double s) => decisionCpu += s;

    public void AddTransport(double s) => transport += s;

    public PhaseTimes Finish() => new(Stopwatch.GetElapsedTime(runStart).TotalSeconds, seconds[0], decisionCpu, transport, seconds[1], seconds[2]);
}
