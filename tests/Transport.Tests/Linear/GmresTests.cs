using MarketSim.Transport.Linear;

namespace MarketSim.Transport.Tests.Linear;

/// <summary>Restarted, ILU(0)-preconditioned GMRES against a dense LU solve computed with MathNet.</summary>
public sealed class GmresTests
{
    [Theory]
    [InlineData(21UL, 8, 2, 40)]
    [InlineData(22UL, 60, 4, 40)]
    [InlineData(23UL, 120, 5, 5)]  // restart 5 on 120 unknowns: many restarts
    public void Solves_a_non_symmetric_sparse_system_to_the_dense_solution(ulong seed, int n, int offDiagonal, int restart)
    {
        var (sparse, dense) = SparseMatrices.Random(seed, n, offDiagonal, dominance: 1.1);
        var b = SparseMatrices.RandomVector(seed + 100, n);
        var ilu = new Ilu0(n, sparse.RowStart[n]);
        ilu.Factor(sparse);
        var x = new double[n];

        var relative = new Gmres(n, restart).Solve(sparse, ilu, b.ToArray(), x, 1e-12, 2000);

        var reference = dense.Solve(b);
        Assert.True(relative <= 1e-12, $"relative residual {relative:E3}");
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(reference[i], x[i], 1e-9 * Math.Max(1, Math.Abs(reference[i])));
        }
    }

    [Fact]
    public void The_residual_it_reports_is_the_true_relative_residual_of_the_returned_solution()
    {
        const int n = 80;
        var (sparse, dense) = SparseMatrices.Random(31, n, 5, dominance: 1.05);
        var b = SparseMatrices.RandomVector(32, n);
        var ilu = new Ilu0(n, sparse.RowStart[n]);
        ilu.Factor(sparse);
        var x = new double[n];

        // A loose tolerance and a short restart stop it early, where the reported and true residuals could differ.
        var reported = new Gmres(n, restart: 3).Solve(sparse, ilu, b.ToArray(), x, 1e-3, 2000);

        var solution = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(x);
        var trueRelative = (b - dense * solution).L2Norm() / b.L2Norm();
        Assert.True(reported <= 1e-3, $"reported {reported:E3}");
        Assert.Equal(trueRelative, reported, 1e-9 + 1e-6 * trueRelative);
    }

    [Fact]
    public void A_zero_right_hand_side_gives_the_zero_solution()
    {
        var (sparse, _) = SparseMatrices.Random(41, 10, 3);
        var ilu = new Ilu0(10, sparse.RowStart[10]);
        ilu.Factor(sparse);
        var x = Enumerable.Repeat(5.0, 10).ToArray();

        var relative = new Gmres(10).Solve(sparse, ilu, new double[10], x, 1e-10, 100);

        Assert.Equal(0, relative);
        Assert.All(x, v => Assert.Equal(0, v));
    }
}
