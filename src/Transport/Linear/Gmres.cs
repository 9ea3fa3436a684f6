namespace MarketSim.Transport.Linear;

/// <summary>
/// Restarted GMRES(m) with right preconditioning (Saad, Iterative Methods for Sparse Linear Systems, 9.3.2):
/// minimises the true residual norm over the Krylov space, so it needs no symmetry (the LIA/BALIA and
/// loss-link rows make the price Jacobian non-symmetric). Workspace is allocated once.
/// </summary>
internal sealed class Gmres
{
    private readonly int _restart;
    private readonly double[][] _basis;
    private readonly double[] _hessenberg;
    private readonly double[] _cos;
    private readonly double[] _sin;
    private readonly double[] _g;
    private readonly double[] _y;
    private readonly double[] _residual;
    private readonly double[][] _preconditioned;

    public Gmres(int maxRows, int restart = 40)
    {
        _restart = restart;
        _basis = new double[restart + 1][];
        _preconditioned = new double[restart][];
        for (var i = 0; i <= restart; i++)
        {
            _basis[i] = new double[maxRows];
        }

        for (var i = 0; i < restart; i++)
        {
            _preconditioned[i] = new double[maxRows];
        }

        _hessenberg = new double[(restart + 1) * restart];
        _cos = new double[restart];
        _sin = new double[restart];
        _g = new double[restart + 1];
        _y = new double[restart];
        _residual = new double[maxRows];
    }

    /// <summary>Solves A x = b to relative residual <paramref name="tolerance"/>; x is the start and the result.</summary>
    /// <returns>The relative residual reached.</returns>
    public double Solve(SparseSystem a, Ilu0 preconditioner, ReadOnlySpan<double> b, Span<double> x, double tolerance, int maxIterations)
    {
        var n = a.Rows;
        var bNorm = Norm(b[..n]);
        if (bNorm == 0)
        {
            x[..n].Clear();
            return 0;
        }

        var iterations = 0;
        var relative = double.PositiveInfinity;
        while (iterations < maxIterations)
        {
            var r = _residual.AsSpan(0, n);
            a.Multiply(x, r);
            for (var i = 0; i < n; i++)
            {
                r[i] = b[i] - r[i];
            }

            var beta = Norm(r);
            relative = beta / bNorm;
            if (relative <= tolerance)
            {
                return relative;
            }

            var v0 = _basis[0].AsSpan(0, n);
            for (var i = 0; i < n; i++)
            {
                v0[i] = r[i] / beta;
            }

            Array.Clear(_g);
            _g[0] = beta;
            var k = 0;
            for (; k < _restart && iterations < maxIterations; k++, iterations++)
            {
                var z = _preconditioned[k].AsSpan(0, n);
                preconditioner.Apply(_basis[k].AsSpan(0, n), z);
                var w = _basis[k + 1].AsSpan(0, n);
                a.Multiply(z, w);
                for (var j = 0; j <= k; j++)
                {
                    var h = Dot(w, _basis[j].AsSpan(0, n));
                    H(j, k) = h;
                    Axpy(-h, _basis[j].AsSpan(0, n), w);
                }

                var hNext = Norm(w);
                H(k + 1, k) = hNext;
                if (hNext > 0)
                {
                    for (var i = 0; i < n; i++)
                    {
                        w[i] /= hNext;
                    }
                }

                for (var j = 0; j < k; j++)
                {
                    var t = _cos[j] * H(j, k) + _sin[j] * H(j + 1, k);
                    H(j + 1, k) = -_sin[j] * H(j, k) + _cos[j] * H(j + 1, k);
                    H(j, k) = t;
                }

                var denom = Math.Sqrt(H(k, k) * H(k, k) + H(k + 1, k) * H(k + 1, k));
                _cos[k] = denom == 0 ? 1 : H(k, k) / denom;
                _sin[k] = denom == 0 ? 0 : H(k + 1, k) / denom;
                H(k, k) = denom;
                H(k + 1, k) = 0;
                _g[k + 1] = -_sin[k] * _g[k];
                _g[k] = _cos[k] * _g[k];
                relative = Math.Abs(_g[k + 1]) / bNorm;
                if (relative <= tolerance || hNext == 0)
                {
                    k++;
                    iterations++;
                    break;
                }
            }

            // x += Z y with H y = g (upper triangular).
            for (var i = k - 1; i >= 0; i--)
            {
                var sum = _g[i];
                for (var j = i + 1; j < k; j++)
                {
                    sum -= H(i, j) * _y[j];
                }

                _y[i] = H(i, i) == 0 ? 0 : sum / H(i, i);
            }

            for (var j = 0; j < k; j++)
            {
                Axpy(_y[j], _preconditioned[j].AsSpan(0, n), x);
            }

            if (relative <= tolerance)
            {
                return relative;
            }
        }

        return relative;
    }

    private ref double H(int row, int col) => ref _hessenberg[row * _restart + col];

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }

    private static double Norm(ReadOnlySpan<double> a) => Math.Sqrt(Dot(a, a));

    private static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        for (var i = 0; i < x.Length; i++)
        {
            y[i] += alpha * x[i];
        }
    }
}
