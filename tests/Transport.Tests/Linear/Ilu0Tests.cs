using MarketSim.Transport.Linear;
using MathNet.Numerics.LinearAlgebra;

namespace MarketSim.Transport.Tests.Linear;

/// <summary>ILU(0) against dense references computed with MathNet.</summary>
public sealed class Ilu0Tests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(40)]
    public void On_a_tridiagonal_matrix_it_is_the_exact_LU_and_applying_it_solves_the_system(int n)
    {
        var (sparse, dense) = SparseMatrices.Tridiagonal(n);
        var ilu = new Ilu0(n, sparse.RowStart[n]);
        ilu.Factor(sparse);
        var r = SparseMatrices.RandomVector(3, n);
        var z = new double[n];

        ilu.Apply(r.ToArray(), z);

        var reference = dense.Solve(r);
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(reference[i], z[i], 1e-12 * Math.Max(1, Math.Abs(reference[i])));
        }
    }

    [Theory]
    [InlineData(11UL, 12, 3)]
    [InlineData(12UL, 30, 4)]
    [InlineData(13UL, 50, 6)]
    public void The_product_of_its_factors_equals_the_matrix_on_the_sparsity_pattern(ulong seed, int n, int offDiagonal)
    {
        // The defining property of ILU(0): (L U)_ij = A_ij wherever A has an entry; fill elsewhere is dropped.
        var (sparse, dense) = SparseMatrices.Random(seed, n, offDiagonal);
        var ilu = new Ilu0(n, sparse.RowStart[n]);
        ilu.Factor(sparse);

        // Columns of (L U)^-1 from applying the preconditioner to unit vectors, then L U by a dense inverse.
        var inverse = Matrix<double>.Build.Dense(n, n);
        var unit = new double[n];
        var column = new double[n];
        for (var j = 0; j < n; j++)
        {
            Array.Clear(unit);
            unit[j] = 1;
            ilu.Apply(unit, column);
            inverse.SetColumn(j, column);
        }

        var product = inverse.Inverse();
        var dropped = 0.0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (dense[i, j] != 0 || i == j)
                {
                    Assert.Equal(dense[i, j], product[i, j], 1e-9 * Math.Max(1, Math.Abs(dense[i, j])));
                }
                else
                {
                    dropped = Math.Max(dropped, Math.Abs(product[i, j]));
                }
            }
        }

        // Incomplete: these patterns create fill, so L U is not A (else the test could not tell ILU(0) from LU).
        Assert.True(dropped > 1e-6, $"largest entry of L U off the pattern {dropped:E3}");
    }
}
