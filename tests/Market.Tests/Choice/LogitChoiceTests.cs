using MarketSim.Market.Choice;
using MarketSim.Market.Randomness;

namespace MarketSim.Market.Tests;

public class LogitChoiceTests
{
    [Fact]
    public void Probabilities_follow_the_logit_formula()
    {
        double[] u = [0.0, 1.0, 2.5];
        var p = new double[3];
        LogitChoice.Probabilities(u, 0.8, p);
        var z = u.Sum(x => Math.Exp(0.8 * x));
        for (var k = 0; k < 3; k++) Assert.Equal(Math.Exp(0.8 * u[k]) / z, p[k], 12);
    }

    [Fact]
    public void Huge_utilities_do_not_overflow()
    {
        var p = new double[2];
        LogitChoice.Probabilities([10_000.0, 9_999.0], 1.0, p);
        Assert.Equal(1 / (1 + Math.Exp(-1)), p[0], 12);
    }

    [Fact]
    public void Sampled_choices_match_the_probabilities()
    {
        double[] u = [0.0, 0.5, -1.0, 1.2];
        var p = new double[u.Length];
        LogitChoice.Probabilities(u, 1.3, p);
        var counts = new int[u.Length];
        var random = new CounterRandom(3);
        const int n = 100_000;
        for (var i = 0; i < n; i++) counts[LogitChoice.Sample(u, 1.3, random.Uniform(RandomStream.Choice, i, 0))]++;
        for (var k = 0; k < u.Length; k++)
        {
            var se = Math.Sqrt(p[k] * (1 - p[k]) / n);
            Assert.InRange((double)counts[k] / n, p[k] - 5 * se, p[k] + 5 * se);
        }
    }

    [Fact]
    public void Log_sum_is_the_expected_maximum_utility()
    {
        // Two equal alternatives of utility 1 with alpha 2: E max = 1 + ln 2 / 2.
        Assert.Equal(1 + Math.Log(2) / 2, LogitChoice.LogSum([1.0, 1.0], 2.0), 12);
    }
}
