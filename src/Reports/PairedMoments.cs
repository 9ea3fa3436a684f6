namespace MarketSim.Reports;

/// <summary>
/// Streaming form of <see cref="PairedDifference"/>: moments of the policy, the reference and their difference,
/// fed one replication at a time. A pair with a missing side is skipped on all three, so the paired and unpaired
/// variances always describe the same replications. Mutable struct, like <see cref="RunningMoments"/>.
/// </summary>
public struct PairedMoments
{
    private RunningMoments policy;
    private RunningMoments reference;
    private RunningMoments difference;

    /// <summary>Pairs added.</summary>
    public readonly int N => difference.N;

    /// <summary>Adds one replication's value under the policy and under the reference.</summary>
    public void Add(double policyValue, double referenceValue)
    {
        if (!double.IsFinite(policyValue) || !double.IsFinite(referenceValue)) return;
        policy.Add(policyValue);
        reference.Add(referenceValue);
        difference.Add(policyValue - referenceValue);
    }

    /// <summary>95 % confidence interval of the mean difference (policy − reference).</summary>
    public readonly ConfidenceInterval Interval() => difference.Interval();

    /// <summary>Paired against unpaired variance of the difference.</summary>
    public readonly VarianceComparison Variances() =>
        new(difference.SampleVariance, policy.SampleVariance + reference.SampleVariance, difference.N);
}
