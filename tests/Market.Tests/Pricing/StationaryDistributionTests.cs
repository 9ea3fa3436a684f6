using MarketSim.Market.Pricing;
using MathNet.Numerics.LinearAlgebra;

namespace MarketSim.Market.Tests.Pricing;

public class StationaryDistributionTests
{
    [Theory]
    [InlineData(2, 1)]
    [InlineData(5, 2)]
    [InlineData(9, 3)]
    public void The_stationary_distribution_solves_pi_P_equals_pi_as_a_dense_solve_finds(int k, int seed)
    {
        var random = new Random(seed);
        var p = Matrix<double>.Build.Dense(k, k, (_, _) => Math.Pow(random.NextDouble(), 4) + 1e-9);
        for (var i = 0; i < k; i++) p.SetRow(i, p.Row(i) / p.Row(i).Sum());
        // Reference: (P' - I) pi = 0 with the last equation replaced by sum(pi) = 1.
        var a = p.Transpose() - Matrix<double>.Build.DenseIdentity(k);
        a.SetRow(k - 1, Vector<double>.Build.Dense(k, 1));
        var b = Vector<double>.Build.Dense(k);
        b[k - 1] = 1;
        var expected = a.Solve(b);

        var flat = new double[k * k];
        for (var i = 0; i < k; i++) for (var j = 0; j < k; j++) flat[i * k + j] = p[i, j];
        var pi = new double[k];
        StationaryDistribution.Solve(flat, k, pi);
        for (var j = 0; j < k; j++) Assert.Equal(expected[j], pi[j], 1e-10);
    }
}
