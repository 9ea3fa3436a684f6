namespace MarketSim.Transport.Linear;

/// <summary>
/// Incomplete LU factorisation with zero fill, ILU(0), used as the right preconditioner of GMRES.
/// The price Jacobian couples links through shared users; at OLIA/coupled ties it has strong 2x2
/// couplings (traffic moving between two links) that a diagonal preconditioner cannot see, and ILU(0)
/// captures them. Pivots that become tiny or change sign are replaced by the original diagonal
/// (a standard stabilisation), which only weakens the preconditioner, never the Newton step.
/// </summary>
internal sealed class Ilu0
{
    private readonly double[] values;
    private readonly int[] position;
    private SparseSystem? matrix;

    public Ilu0(int maxRows, int maxNonZeros)
    {
        values = new double[maxNonZeros];
        position = new int[maxRows];
        Array.Fill(position, -1);
    }

    public void Factor(SparseSystem a)
    {
        matrix = a;
        var n = a.Rows;
        var rowStart = a.RowStart;
        var cols = a.Columns;
        var lu = values;
        Array.Copy(a.Values, lu, rowStart[n]);
        for (var i = 0; i < n; i++)
        {
            for (var k = rowStart[i]; k < rowStart[i + 1]; k++)
            {
                position[cols[k]] = k;
            }

            for (var k = rowStart[i]; k < a.Diagonal[i]; k++)
            {
                var c = cols[k];
                var factor = lu[k] / lu[a.Diagonal[c]];
                lu[k] = factor;
                for (var m = a.Diagonal[c] + 1; m < rowStart[c + 1]; m++)
                {
                    var p = position[cols[m]];
                    if (p >= 0)
                    {
                        lu[p] -= factor * lu[m];
                    }
                }
            }

            var d = a.Diagonal[i];
            var original = a.Values[d];
            if (!(Math.Abs(lu[d]) > 1e-8 * Math.Abs(original)) || Math.Sign(lu[d]) != Math.Sign(original))
            {
                lu[d] = original;
            }

            for (var k = rowStart[i]; k < rowStart[i + 1]; k++)
            {
                position[cols[k]] = -1;
            }
        }
    }

    /// <summary>Solves L U z = r.</summary>
    public void Apply(ReadOnlySpan<double> r, Span<double> z)
    {
        var a = matrix!;
        var n = a.Rows;
        var rowStart = a.RowStart;
        var cols = a.Columns;
        var lu = values;
        for (var i = 0; i < n; i++)
        {
            var sum = r[i];
            for (var k = rowStart[i]; k < a.Diagonal[i]; k++)
            {
                sum -= lu[k] * z[cols[k]];
            }

            z[i] = sum;
        }

        for (var i = n - 1; i >= 0; i--)
        {
            var sum = z[i];
            for (var k = a.Diagonal[i] + 1; k < rowStart[i + 1]; k++)
            {
                sum -= lu[k] * z[cols[k]];
            }

            z[i] = sum / lu[a.Diagonal[i]];
        }
    }
}
