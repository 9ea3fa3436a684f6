using MarketSim.Market.Choice;
using MarketSim.Market.Randomness;

namespace MarketSim.Market.Tests;

/// <summary>
/// The nested logit against references written here: the generalised extreme value form (McFadden 1978) with generating
/// function G(y) = sum over nests of (sum_{j in nest} y_j^(1 / lambda))^lambda, lambda = 1 − sigma, y_j = exp(alpha U_j),
/// whose choice probabilities are y_j dlnG/dy_j (differentiated numerically here) and whose expected maximum is
/// (1 / alpha) ln G; Berry's (1994) inversion; and the plain logit at sigma = 0.
/// </summary>
public class NestedLogitTests
{
    // An asymmetric case: five alternatives, the outside good (U = 0) alone, a nest of three, a nest of one.
    private static readonly double[] Utilities = [0.0, 1.3, -0.4, 2.1, 0.7];
    private static readonly int[] Nests = [0, 1, 1, 2, 1];
    private const double Alpha = 0.7, Sigma = 0.6;

    private static double GeneratingFunction(double[] y, int[] nests, double sigma)
    {
        var lambda = 1 - sigma;
        return nests.Distinct().Sum(g => Math.Pow(Enumerable.Range(0, y.Length).Where(j => nests[j] == g).Sum(j => Math.Pow(y[j], 1 / lambda)), lambda));
    }

    [Fact]
    public void Shares_are_the_derivatives_of_the_generating_function()
    {
        var p = new double[Utilities.Length];
        NestedLogit.Probabilities(Utilities, Nests, Alpha, Sigma, p);
        var y = Utilities.Select(u => Math.Exp(Alpha * u)).ToArray();
        var g = GeneratingFunction(y, Nests, Sigma);
        for (var j = 0; j < y.Length; j++)
        {
            var h = 1e-6 * y[j];
            var up = y.ToArray();
            var down = y.ToArray();
            up[j] += h;
            down[j] -= h;
            var derivative = (GeneratingFunction(up, Nests, Sigma) - GeneratingFunction(down, Nests, Sigma)) / (2 * h);
            Assert.Equal(y[j] * derivative / g, p[j], 8);
        }
        Assert.Equal(1.0, p.Sum(), 12);
    }

    [Fact]
    public void Shares_satisfy_Berrys_inversion()
    {
        // ln s_j − ln s_0 = alpha U_j + sigma ln s_(j | nest), the outside good (U = 0) alone in its nest.
        var p = new double[Utilities.Length];
        NestedLogit.Probabilities(Utilities, Nests, Alpha, Sigma, p);
        for (var j = 1; j < p.Length; j++)
        {
            var nestShare = Enumerable.Range(0, p.Length).Where(m => Nests[m] == Nests[j]).Sum(m => p[m]);
            Assert.Equal(Alpha * Utilities[j] + Sigma * Math.Log(p[j] / nestShare), Math.Log(p[j]) - Math.Log(p[0]), 10);
        }
    }

    [Fact]
    public void The_surplus_is_the_inclusive_value_log_sum_and_its_gradient_is_the_shares()
    {
        var y = Utilities.Select(u => Math.Exp(Alpha * u)).ToArray();
        Assert.Equal(Math.Log(GeneratingFunction(y, Nests, Sigma)) / Alpha, NestedLogit.LogSum(Utilities, Nests, Alpha, Sigma), 12);
        // Williams-Daly-Zachary: d(expected maximum) / dU_j = P_j.
        var p = new double[Utilities.Length];
        NestedLogit.Probabilities(Utilities, Nests, Alpha, Sigma, p);
        for (var j = 0; j < Utilities.Length; j++)
        {
            var up = Utilities.ToArray();
            var down = Utilities.ToArray();
            up[j] += 1e-6;
            down[j] -= 1e-6;
            var gradient = (NestedLogit.LogSum(up, Nests, Alpha, Sigma) - NestedLogit.LogSum(down, Nests, Alpha, Sigma)) / 2e-6;
            Assert.Equal(p[j], gradient, 7);
        }
    }

    [Fact]
    public void With_sigma_zero_it_is_the_plain_logit()
    {
        var nested = new double[Utilities.Length];
        var plain = new double[Utilities.Length];
        NestedLogit.Probabilities(Utilities, Nests, Alpha, 0, nested);
        LogitChoice.Probabilities(Utilities, Alpha, plain);
        for (var j = 0; j < plain.Length; j++) Assert.Equal(plain[j], nested[j], 12);
        Assert.Equal(LogitChoice.LogSum(Utilities, Alpha), NestedLogit.LogSum(Utilities, Nests, Alpha, 0), 12);
    }

    [Fact]
    public void Probabilities_may_overwrite_the_utilities_in_place()
    {
        var expected = new double[Utilities.Length];
        NestedLogit.Probabilities(Utilities, Nests, Alpha, Sigma, expected);
        var row = Utilities.ToArray();
        NestedLogit.Probabilities(row, Nests, Alpha, Sigma, row);
        Assert.Equal(expected, row);
    }

    [Theory]
    [InlineData(0.999)]
    [InlineData(0.0)]
    public void An_exact_clone_splits_its_twins_demand_and_adds_no_surplus_as_sigma_nears_one(double sigma)
    {
        // Without the clone: outside, plan A, plan B, each a nest of its own; with it, B's exact copy joins B's nest.
        double[] without = [0.0, 1.0, 1.5];
        double[] with = [0.0, 1.0, 1.5, 1.5];
        int[] nestsWithout = [0, 1, 2];
        int[] nestsWith = [0, 1, 2, 2];
        const double alpha = 0.5;
        var p0 = new double[3];
        var p1 = new double[4];
        NestedLogit.Probabilities(without, nestsWithout, alpha, sigma, p0);
        NestedLogit.Probabilities(with, nestsWith, alpha, sigma, p1);
        var gain = NestedLogit.LogSum(with, nestsWith, alpha, sigma) - NestedLogit.LogSum(without, nestsWithout, alpha, sigma);
        // The plain logit, written out: the copy takes B's own share of the larger market, and the surplus gains
        // (1 / alpha) ln(1 + e^(alpha U_B) / (1 + e^(alpha U_A) + e^(alpha U_B))).
        double eA = Math.Exp(alpha * 1.0), eB = Math.Exp(alpha * 1.5);
        var logitGain = Math.Log(1 + eB / (1 + eA + eB)) / alpha;
        Assert.Equal(p1[2], p1[3], 12);
        if (sigma == 0)
        {
            Assert.Equal(eB / (1 + eA + 2 * eB), p1[3], 12);
            Assert.Equal(logitGain, gain, 12);
        }
        else
        {
            Assert.Equal(0.5 * p0[2], p1[3], 3);
            Assert.Equal(p0[1], p1[1], 3);
            Assert.InRange(gain, 0, 0.002 * logitGain);
        }
    }

    [Fact]
    public void Sampled_choices_match_the_probabilities()
    {
        var p = new double[Utilities.Length];
        NestedLogit.Probabilities(Utilities, Nests, Alpha, Sigma, p);
        var counts = new int[Utilities.Length];
        var random = new CounterRandom(5);
        const int n = 100_000;
        for (var i = 0; i < n; i++) counts[NestedLogit.Sample(Utilities, Nests, Alpha, Sigma, random.Uniform(RandomStream.Choice, i, 0))]++;
        for (var j = 0; j < p.Length; j++)
        {
            var se = Math.Sqrt(p[j] * (1 - p[j]) / n);
            Assert.InRange((double)counts[j] / n, p[j] - 5 * se, p[j] + 5 * se);
        }
    }
}
