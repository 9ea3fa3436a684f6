namespace MarketSim.Transport.Controllers;

/// <summary>LU factorisation with partial pivoting of a tiny dense matrix (a group's handful of paths).</summary>
internal static class SmallLu
{
    /// <summary>Factors the row-major <paramref name="size"/>-square matrix in place.</summary>
    /// <returns>False when a pivot is zero or not finite (singular matrix).</returns>
    public static bool Factor(Span<double> m, int size, Span<int> pivot)
    {
        for (var c = 0; c < size; c++)
        {
            var best = c;
            for (var r = c + 1; r < size; r++)
            {
                if (Math.Abs(m[r * size + c]) > Math.Abs(m[best * size + c]))
                {
                    best = r;
                }
            }

            pivot[c] = best;
            if (best != c)
            {
                for (var k = 0; k < size; k++)
                {
                    (m[c * size + k], m[best * size + k]) = (m[best * size + k], m[c * size + k]);
                }
            }

            var d = m[c * size + c];
            if (d == 0 || !double.IsFinite(d))
            {
                return false;
            }

            for (var r = c + 1; r < size; r++)
            {
                var f = m[r * size + c] / d;
                m[r * size + c] = f;
                for (var k = c + 1; k < size; k++)
                {
                    m[r * size + k] -= f * m[c * size + k];
                }
            }
        }

        return true;
    }

    /// <summary>Solves with a factorisation from <see cref="Factor"/>; <paramref name="b"/> is overwritten by the solution.</summary>
    public static void Solve(ReadOnlySpan<double> m, int size, ReadOnlySpan<int> pivot, Span<double> b)
    {
        for (var c = 0; c < size; c++)
        {
            if (pivot[c] != c)
            {
                (b[c], b[pivot[c]]) = (b[pivot[c]], b[c]);
            }
        }

        for (var r = 1; r < size; r++)
        {
            for (var k = 0; k < r; k++)
            {
                b[r] -= m[r * size + k] * b[k];
            }
        }

        for (var r = size - 1; r >= 0; r--)
        {
            for (var k = r + 1; k < size; k++)
            {
                b[r] -= m[r * size + k] * b[k];
            }

            b[r] /= m[r * size + r];
        }
    }
}
