using MarketSim.Reports;

namespace MarketSim.Experiments.Tests.Reports;

public class ConfidenceIntervalTests
{
    // t(0.975, 4) from printed tables; the half-width is t · s / √n with s² = 10, n = 5.
    private const double T4 = 2.776445;

    [Theory]
    [InlineData(1, 12.706205)]
    [InlineData(3, 3.182446)]
    [InlineData(4, 2.776445)]
    [InlineData(10, 2.228139)]
    [InlineData(30, 2.042272)]
    public void The_t_quantile_matches_printed_tables(int degreesOfFreedom, double expected)
        => Assert.Equal(expected, ConfidenceInterval.TQuantile(degreesOfFreedom), 1e-5);

    [Fact]
    public void A_sample_of_five_gets_mean_plus_minus_t_times_the_standard_error()
    {
        var ci = ConfidenceInterval.Of([40, 42, 44, 46, 48]);
        Assert.Equal(44, ci.Mean, 1e-12);
        Assert.Equal(T4 * Math.Sqrt(10.0 / 5), ci.HalfWidth, 1e-5);
        Assert.Equal(5, ci.N);
        Assert.Equal(44 - 3.926486, ci.Lower, 1e-5);
        Assert.Equal(44 + 3.926486, ci.Upper, 1e-5);
    }

    [Fact]
    public void Missing_values_are_left_out_of_the_sample()
    {
        var ci = ConfidenceInterval.Of([40, double.NaN, 42, 44, double.PositiveInfinity, 46, 48]);
        Assert.Equal(5, ci.N);
        Assert.Equal(3.926486, ci.HalfWidth, 1e-5);
    }

    [Fact]
    public void One_observation_has_a_mean_but_no_width()
    {
        var ci = ConfidenceInterval.Of([3.5]);
        Assert.Equal(3.5, ci.Mean);
        Assert.False(ci.HasWidth);
        Assert.True(double.IsNaN(ci.HalfWidth));
    }

    [Fact]
    public void No_observation_has_no_mean()
    {
        var ci = ConfidenceInterval.Of([]);
        Assert.Equal(0, ci.N);
        Assert.True(double.IsNaN(ci.Mean));
    }

    [Fact]
    public void Streaming_moments_agree_with_the_two_pass_formula_even_far_from_zero()
    {
        // A large common offset is where the naive sum-of-squares formula loses every digit.
        double[] sample = [1e9 + 0.1, 1e9 + 0.4, 1e9 + 0.2, 1e9 + 0.9, 1e9 + 0.3, 1e9 + 0.7];
        var moments = new RunningMoments();
        foreach (var x in sample) moments.Add(x);
        var mean = sample.Average();
        var variance = sample.Sum(x => (x - mean) * (x - mean)) / (sample.Length - 1);
        Assert.Equal(mean, moments.Mean, 1e-6);
        Assert.Equal(variance, moments.SampleVariance, 1e-6);
        Assert.Equal(0.0946667, moments.SampleVariance, 1e-5);
    }
}
