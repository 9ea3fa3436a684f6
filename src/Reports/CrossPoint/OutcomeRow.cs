namespace MarketSim.Reports;

/// <summary>What a cross-point series shows: a policy's level, or its paired difference from the reference.</summary>
public enum Comparison
{
    /// <summary>The policy's own value.</summary>
    Level,

    /// <summary>Policy − reference within each replication (common random numbers), then averaged.</summary>
    Difference,
}

/// <summary>A policy's level or paired difference: one line of the explorer's policy choice.</summary>
/// <param name="Policy">The policy.</param>
/// <param name="Comparison">Level or difference against <paramref name="Reference"/>.</param>
/// <param name="Reference">The reference policy (the sweep's first).</param>
public sealed record OutcomeSeries(string Policy, Comparison Comparison, string Reference)
{
    /// <summary>"performance" or "performance − flat".</summary>
    public string Label => Comparison == Comparison.Level ? Policy : $"{Policy} − {Reference}";
}

/// <summary>One row of the summary table: a statistic of one series at one point, with its 95 % interval.</summary>
/// <param name="PointIndex">Index into <see cref="CrossPointData.Points"/>.</param>
/// <param name="Series">Policy and comparison.</param>
/// <param name="Statistic">The run statistic.</param>
/// <param name="Interval">Mean and 95 % interval across replications (pairs, for a difference).</param>
public sealed record OutcomeRow(int PointIndex, OutcomeSeries Series, RunStatistic Statistic, ConfidenceInterval Interval);
