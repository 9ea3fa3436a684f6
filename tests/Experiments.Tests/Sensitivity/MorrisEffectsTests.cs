using MarketSim.Experiments.Sweeps;
using MarketSim.Reports;

namespace MarketSim.Experiments.Tests.Sensitivity;

public class MorrisEffectsTests
{
    [Fact]
    public void Morris_ranks_influential_inputs_above_inert_ones()
    {
        // f = 5 x1 + 3 x2² + x1 x3 + 0 x4 + 0 x5 on the unit cube. On the 4-level grid with step 2/3 the elementary
        // effects are, by hand: EE1 = 5 + x3 ∈ [5, 6]; |EE2| = 3 |2 x2 + Δ| ∈ [2, 4]; EE3 = x1 ∈ [0, 1]; EE4 = EE5 = 0.
        static double F(double[] x) => 5 * x[0] + 3 * x[1] * x[1] + x[0] * x[2];
        const int k = 5, trajectories = 20;
        var points = SensitivityDesigns.Morris(k, trajectories, seed: 3);
        var steps = new List<ElementaryStep>();
        for (var t = 0; t < trajectories; t++)
        {
            for (var s = 0; s < k; s++)
            {
                var from = points[t * (k + 1) + s];
                var to = points[t * (k + 1) + s + 1];
                var moved = Enumerable.Range(0, k).Single(i => from[i] != to[i]);
                steps.Add(new ElementaryStep(moved, to[moved] - from[moved], F(to) - F(from)));
            }
        }
        var indices = MorrisEffects.Estimate(steps, k, seed: 5);
        Assert.InRange(indices[0].MuStar, 5, 6);
        Assert.InRange(indices[1].MuStar, 2, 4);
        Assert.InRange(indices[2].MuStar, 0, 1);
        Assert.Equal(0, indices[3].MuStar);
        Assert.Equal(0, indices[4].MuStar);
        Assert.Equal([0, 1, 2], indices.Select((m, i) => (m.MuStar, i)).OrderByDescending(x => x.MuStar).Take(3).Select(x => x.i));
        Assert.All(indices, m => Assert.Equal(trajectories, m.Effects));
        Assert.All(indices, m => Assert.InRange(m.MuStar, m.MuStarLow, m.MuStarHigh));
    }

    [Fact]
    public void Every_Morris_step_moves_one_parameter_by_two_thirds_and_stays_in_range()
    {
        var points = SensitivityDesigns.Morris(4, 10, seed: 9);
        Assert.Equal(50, points.Length);
        Assert.All(points, p => Assert.All(p, x => Assert.InRange(x, 0, 1)));
        for (var t = 0; t < 10; t++)
        {
            var moved = new HashSet<int>();
            for (var s = 0; s < 4; s++)
            {
                var diff = points[t * 5 + s + 1].Zip(points[t * 5 + s], (a, b) => a - b).ToArray();
                var i = Assert.Single(Enumerable.Range(0, 4), d => diff[d] != 0);
                Assert.Equal(2.0 / 3, Math.Abs(diff[i]), 12);
                Assert.True(moved.Add(i), "a trajectory moves each parameter once");
            }
        }
    }

    [Fact]
    public void Saltelli_rows_of_A_B_take_one_column_from_B()
    {
        const int k = 3, n = 8;
        var points = SensitivityDesigns.Saltelli(k, n);
        Assert.Equal(n * (k + 2), points.Length);
        for (var j = 0; j < n; j++)
        {
            var a = points[j * (k + 2)];
            var b = points[j * (k + 2) + k + 1];
            for (var i = 0; i < k; i++)
            {
                var ab = points[j * (k + 2) + 1 + i];
                for (var d = 0; d < k; d++) Assert.Equal(d == i ? b[d] : a[d], ab[d]);
            }
        }
        // A and B are the two halves of the 2k-dimensional Sobol sequence (origin skipped).
        var sobol = new SobolSequence(2 * k).Points(n + 1);
        Assert.Equal(sobol[1][..k], points[0]);
        Assert.Equal(sobol[1][k..], points[k + 1]);
    }
}
