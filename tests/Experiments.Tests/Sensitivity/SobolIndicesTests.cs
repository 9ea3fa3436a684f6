using MarketSim.Experiments.Sweeps;
using MarketSim.Reports;

namespace MarketSim.Experiments.Tests.Sensitivity;

public class SobolIndicesTests
{
    /// <summary>Runs f over a Saltelli design in the unit cube and estimates the indices, as `analyze` does with runs.</summary>
    private static IReadOnlyList<SobolIndex> Analyse(Func<double[], double> f, int k, int samples)
    {
        var points = SensitivityDesigns.Saltelli(k, samples);
        var block = SensitivityDesigns.SaltelliBlock(k);
        var y = points.Select(f).ToArray();
        var fA = Enumerable.Range(0, samples).Select(j => y[j * block]).ToArray();
        var fB = Enumerable.Range(0, samples).Select(j => y[j * block + block - 1]).ToArray();
        var fAB = Enumerable.Range(0, k).Select(i => (IReadOnlyList<double>)Enumerable.Range(0, samples).Select(j => y[j * block + 1 + i]).ToArray()).ToArray();
        return SobolIndices.Estimate(fA, fB, fAB, seed: 11);
    }

    private static void AssertInside(double expected, double low, double high, string what)
        => Assert.True(expected >= low && expected <= high, $"{what}: analytical {expected:F4} outside the bootstrap interval [{low:F4}, {high:F4}]");

    [Fact]
    public void Ishigami_indices_contain_the_analytical_values()
    {
        const double a = 7, b = 0.1;
        // Ishigami and Homma (1990) on [−π, π]³; the partial variances written out here, independently of the estimator.
        double pi4 = Math.Pow(Math.PI, 4), pi8 = Math.Pow(Math.PI, 8);
        double v1 = 0.5 * Math.Pow(1 + b * pi4 / 5, 2), v2 = a * a / 8, v13 = b * b * pi8 * (1.0 / 18 - 1.0 / 50);
        var v = v1 + v2 + v13;
        double[] first = [v1 / v, v2 / v, 0], total = [(v1 + v13) / v, v2 / v, v13 / v];
        Assert.Equal(0.3139, first[0], 4);
        Assert.Equal(0.2437, total[2], 4);

        static double X(double u) => Math.PI * (2 * u - 1);
        var indices = Analyse(u => Math.Sin(X(u[0])) + a * Math.Pow(Math.Sin(X(u[1])), 2) + b * Math.Pow(X(u[2]), 4) * Math.Sin(X(u[0])), 3, 4096);
        for (var i = 0; i < 3; i++)
        {
            AssertInside(first[i], indices[i].FirstLow, indices[i].FirstHigh, $"S{i + 1}");
            AssertInside(total[i], indices[i].TotalLow, indices[i].TotalHigh, $"ST{i + 1}");
            Assert.True(indices[i].FirstHigh - indices[i].FirstLow < 0.1, $"S{i + 1} interval too wide to mean anything");
        }
    }

    [Fact]
    public void A_linear_model_shares_the_variance_by_squared_coefficients()
    {
        // f = Σ c_i x_i with x_i uniform on ranges of different widths: Var(c_i x_i) = c_i² w_i² / 12, no interactions,
        // so S_i = ST_i = c_i² w_i² / Σ c_j² w_j²; the fourth input is inert.
        double[] c = [1.0, -2.0, 0.5, 0.0], width = [1.0, 0.5, 3.0, 2.0];
        var parts = c.Select((ci, i) => ci * ci * width[i] * width[i] / 12).ToArray();
        var expected = parts.Select(p => p / parts.Sum()).ToArray();
        var indices = Analyse(u => u.Select((ui, i) => c[i] * (10 + width[i] * ui)).Sum(), 4, 1024);
        for (var i = 0; i < 4; i++)
        {
            AssertInside(expected[i], indices[i].FirstLow, indices[i].FirstHigh, $"S{i + 1}");
            AssertInside(expected[i], indices[i].TotalLow, indices[i].TotalHigh, $"ST{i + 1}");
        }
        Assert.Equal(0, indices[3].Total, 12);
    }

    [Fact]
    public void The_same_seed_gives_the_same_intervals()
    {
        var one = Analyse(u => u[0] + u[1] * u[1], 2, 64);
        var two = Analyse(u => u[0] + u[1] * u[1], 2, 64);
        Assert.Equal(one, two);
    }
}
