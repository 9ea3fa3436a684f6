using MarketSim.Market.Pricing;
using System.Runtime.Intrinsics;
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

    [Theory]
    [InlineData(3, 4)]
    [InlineData(7, 5)]
    public void Four_chains_in_vector_lanes_give_each_scalar_solution_to_the_last_bit(int k, int seed)
    {
        var random = new Random(seed);
        // One lane per chain: a generic one, one with a nearly absorbing state (exits of 1e-200), one with zero
        // transitions (the scalar routine skips them), one with a state that cannot leave downwards at all.
        var chains = new double[4][];
        for (var lane = 0; lane < 4; lane++)
        {
            var m = new double[k * k];
            for (var x = 0; x < m.Length; x++) m[x] = Math.Pow(random.NextDouble(), 3) + 1e-6;
            if (lane == 1) for (var j = 0; j < k - 1; j++) m[(k - 1) * k + j] = 1e-200;
            if (lane == 2) for (var x = 0; x < m.Length; x += 3) m[x] = 0;
            if (lane == 3) for (var j = 0; j < k - 1; j++) m[(k - 1) * k + j] = 0;
            for (var i = 0; i < k; i++)
            {
                var row = m.AsSpan(i * k, k);
                var sum = 0.0;
                foreach (var x in row) sum += x;
                for (var j = 0; j < k; j++) row[j] /= sum;
            }
            chains[lane] = m;
        }
        var lanes = new Vector256<double>[k * k];
        for (var x = 0; x < lanes.Length; x++) lanes[x] = Vector256.Create(chains[0][x], chains[1][x], chains[2][x], chains[3][x]);
        var together = new Vector256<double>[k];

        StationaryDistribution.Solve(lanes, k, together);

        for (var lane = 0; lane < 4; lane++)
        {
            var alone = new double[k];
            StationaryDistribution.Solve(chains[lane].ToArray(), k, alone);
            for (var j = 0; j < k; j++) Assert.Equal(BitConverter.DoubleToInt64Bits(alone[j]), BitConverter.DoubleToInt64Bits(together[j].GetElement(lane)));
        }
    }
}
