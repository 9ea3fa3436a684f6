namespace MarketSim.Reports;

/// <summary>Per-tick moments of one series across replications; grows to the longest run seen.</summary>
internal sealed class TickMoments
{
    private RunningMoments[] ticks = [];

    public void Add(IReadOnlyList<double> byTick)
    {
        if (byTick.Count > ticks.Length) Array.Resize(ref ticks, byTick.Count);
        for (var t = 0; t < byTick.Count; t++) ticks[t].Add(byTick[t]);
    }

    public IReadOnlyList<ConfidenceInterval> Intervals() => ticks.Select(m => m.Interval()).ToArray();
}

/// <summary>Per-tick paired moments (policy against reference, same replication) of one series.</summary>
internal sealed class TickPairs
{
    private PairedMoments[] ticks = [];

    public void Add(IReadOnlyList<double> policy, IReadOnlyList<double> reference)
    {
        var length = Math.Min(policy.Count, reference.Count);
        if (length > ticks.Length) Array.Resize(ref ticks, length);
        for (var t = 0; t < length; t++) ticks[t].Add(policy[t], reference[t]);
    }

    public IReadOnlyList<ConfidenceInterval> Intervals() => ticks.Select(m => m.Interval()).ToArray();

    /// <summary>The variances at the last tick with any pair.</summary>
    public VarianceComparison LastTickVariances()
    {
        for (var t = ticks.Length - 1; t >= 0; t--)
        {
            if (ticks[t].N > 0) return ticks[t].Variances();
        }
        return new VarianceComparison(double.NaN, double.NaN, 0);
    }
}
