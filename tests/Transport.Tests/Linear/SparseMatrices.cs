using MarketSim.Transport.Linear;
using MarketSim.Transport.Synthetic;
using MathNet.Numerics.LinearAlgebra;

namespace MarketSim.Transport.Tests.Linear;

/// <summary>Random non-symmetric sparse matrices, as a <see cref="SparseSystem"/> and as the same dense matrix.</summary>
internal static class SparseMatrices
{
    /// <summary>
    /// An n x n matrix with the diagonal and <paramref name="offDiagonalPerRow"/> random off-diagonal entries per
    /// row (values in [-1, 1], non-symmetric); the diagonal is the row's absolute sum times
    /// <paramref name="dominance"/> with a random sign, so every ILU(0) pivot keeps the sign of its diagonal.
    /// </summary>
    public static (SparseSystem Sparse, Matrix<double> Dense) Random(ulong seed, int n, int offDiagonalPerRow, double dominance = 1.5)
    {
        var rng = new SplitMix64(seed);
        var dense = Matrix<double>.Build.Dense(n, n);
        for (var i = 0; i < n; i++)
        {
            var sum = 0.0;
            for (var k = 0; k < offDiagonalPerRow; k++)
            {
                var j = rng.NextInt(n);
                if (j != i && dense[i, j] == 0)
                {
                    dense[i, j] = rng.NextDouble(-1, 1);
                    sum += Math.Abs(dense[i, j]);
                }
            }

            dense[i, i] = (rng.NextDouble() < 0.5 ? -1 : 1) * (dominance * sum + 0.5);
        }

        return (ToSparse(dense), dense);
    }

    /// <summary>A non-symmetric tridiagonal matrix: its ILU(0) has no fill to drop and is the exact LU.</summary>
    public static (SparseSystem Sparse, Matrix<double> Dense) Tridiagonal(int n)
    {
        var dense = Matrix<double>.Build.Dense(n, n);
        for (var i = 0; i < n; i++)
        {
            dense[i, i] = 4 + 0.1 * i;
            if (i > 0)
            {
                dense[i, i - 1] = -1 - 0.01 * i;
            }

            if (i < n - 1)
            {
                dense[i, i + 1] = -2 + 0.03 * i;
            }
        }

        return (ToSparse(dense), dense);
    }

    /// <summary>The non-zeros of <paramref name="dense"/> as a CSR system (diagonal always present).</summary>
    public static SparseSystem ToSparse(Matrix<double> dense)
    {
        var n = dense.RowCount;
        var system = new SparseSystem(n, n * n);
        system.Reset(n);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (dense[i, j] != 0 || i == j)
                {
                    system.Append(j, dense[i, j]);
                }
            }

            system.EndRow();
        }

        return system;
    }

    public static Vector<double> RandomVector(ulong seed, int n)
    {
        var rng = new SplitMix64(seed);
        return Vector<double>.Build.Dense(n, _ => rng.NextDouble(-1, 1));
    }
}
