using MarketSim.Reports;

namespace MarketSim.Experiments.Tests.Reports;

public class PairedDifferenceTests
{
    private static readonly double[] Reference = [40, 42, 44, 46, 48];
    private static readonly double[] Policy = [41, 44, 47, 48, 50];

    [Fact]
    public void The_paired_difference_is_the_mean_of_the_within_replication_differences()
    {
        Assert.Equal([1, 2, 3, 2, 2], PairedDifference.Differences(Policy, Reference));
        var ci = PairedDifference.Of(Policy, Reference);
        Assert.Equal(2, ci.Mean, 1e-12);
        // s² of (1, 2, 3, 2, 2) is 0.5: half-width t(0.975, 4) · √(0.5 / 5).
        Assert.Equal(2.776445 * Math.Sqrt(0.5 / 5), ci.HalfWidth, 1e-5);
        Assert.Equal(5, ci.N);
    }

    [Fact]
    public void Pairing_removes_the_noise_the_two_policies_share()
    {
        var variances = PairedDifference.Variances(Policy, Reference);
        Assert.Equal(0.5, variances.Paired, 1e-12);
        Assert.Equal(12.5 + 10, variances.Unpaired, 1e-12);
        Assert.Equal(5, variances.Pairs);
        Assert.True(variances.Ratio < 0.05);
    }

    [Fact]
    public void Policies_that_move_against_each_other_gain_nothing_from_pairing()
    {
        // Differences 1, −1, 1, −1: the policies move against each other, so pairing cannot help.
        double[] reference = [0, 1, 0, 1], policy = [1, 0, 1, 0];
        var variances = PairedDifference.Variances(policy, reference);
        Assert.Equal(4.0 / 3, variances.Paired, 1e-12);
        Assert.Equal(2.0 / 3, variances.Unpaired, 1e-12);
    }

    [Fact]
    public void A_replication_missing_on_either_side_drops_its_pair_from_both_variances()
    {
        double[] policy = [41, double.NaN, 47, 48], reference = [40, 42, double.NaN, 46];
        Assert.Equal([1, 2], PairedDifference.Differences(policy, reference));
        var variances = PairedDifference.Variances(policy, reference);
        Assert.Equal(2, variances.Pairs);
        Assert.Equal(0.5, variances.Paired, 1e-12);
        Assert.Equal(24.5 + 18, variances.Unpaired, 1e-12);
    }

    [Fact]
    public void Samples_of_different_lengths_are_not_paired()
        => Assert.Throws<ArgumentException>(() => PairedDifference.Of([1, 2, 3], [1, 2]));

    [Fact]
    public void Streaming_pairs_give_the_same_interval_as_the_lists()
    {
        var moments = new PairedMoments();
        for (var r = 0; r < Policy.Length; r++) moments.Add(Policy[r], Reference[r]);
        Assert.Equal(PairedDifference.Of(Policy, Reference), moments.Interval());
        Assert.Equal(PairedDifference.Variances(Policy, Reference), moments.Variances());
    }
}
