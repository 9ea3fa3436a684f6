namespace MarketSim.Reports;

/// <summary>
/// Policy differences under common random numbers: replication r of every policy ran on the same seed, so the
/// fair comparison is the difference within each replication, not the difference of two independent means.
/// Lists are indexed by replication; a missing run is NaN and drops its pair.
/// </summary>
public static class PairedDifference
{
    /// <summary>policy[r] − reference[r] for every replication where both are finite.</summary>
    public static IReadOnlyList<double> Differences(IReadOnlyList<double> policy, IReadOnlyList<double> reference)
    {
        CheckPaired(policy, reference);
        var differences = new List<double>(policy.Count);
        for (var r = 0; r < policy.Count; r++)
        {
            if (double.IsFinite(policy[r]) && double.IsFinite(reference[r])) differences.Add(policy[r] - reference[r]);
        }
        return differences;
    }

    /// <summary>95 % confidence interval of the mean paired difference.</summary>
    public static ConfidenceInterval Of(IReadOnlyList<double> policy, IReadOnlyList<double> reference) => Accumulate(policy, reference).Interval();

    /// <summary>Sample variance of the paired differences against that of unpaired ones.</summary>
    public static VarianceComparison Variances(IReadOnlyList<double> policy, IReadOnlyList<double> reference) => Accumulate(policy, reference).Variances();

    private static PairedMoments Accumulate(IReadOnlyList<double> policy, IReadOnlyList<double> reference)
    {
        CheckPaired(policy, reference);
        var moments = new PairedMoments();
        for (var r = 0; r < policy.Count; r++) moments.Add(policy[r], reference[r]);
        return moments;
    }

    private static void CheckPaired(IReadOnlyList<double> policy, IReadOnlyList<double> reference)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(reference);
        if (policy.Count != reference.Count)
            throw new ArgumentException($"Paired samples need one value per replication on both sides; got {policy.Count} and {reference.Count}.");
    }
}
