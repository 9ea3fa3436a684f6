namespace MarketSim.Transport.Linear;

/// <summary>
/// Restarted GMRES(m) with right preconditioning (Saad, Iterative Methods for Sparse Linear Systems, 9.3.2):
/// minimises the true residual norm over the Krylov space, so it needs no symmetry (the LIA/BALIA and
/// loss-link rows make the price Jacobian non-symmetric). Workspace is allocated once.
/// </summary>
internal sealed class Gmres
{
    private readonly int restart;
    private readonly double[][] basis;
    private readonly double[] hessenberg;
    private readonly double[] cos;
    private readonly double[] sin;
    private readonly double[] g;
    private readonly double[] y;
    private readonly double[] residual;
    private readonly double[][] preconditioned;

    public Gmres(int maxRows, int restart = 40)
    {
        this.restart = restart;
        basis = new double[restart + 1][];
        preconditioned = new double[restart][];
        for (var i = 0; i <= restart; i++)
        {
            basis[i] = new double[maxRows];
        }

        for (var i = 0; i < restart; i++)
        {
            preconditioned[i] = new double[maxRows];
        }

        hessenberg = new double[(restart + 1) * restart];
        cos = new double[restart];
        sin = new double[restart];
        this.g = new double[restart + 1];
        this.y = new double[restart];
        this.residual = new double[maxRows];
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
            var r = this.residual.AsSpan(0, n);
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

            var v0 = basis[0].AsSpan(0, n);
            for (var i = 0; i < n; i++)
            {
                v0[i] = r[i] / beta;
            }

            Array.Clear(this.g);
            this.g[0] = beta;
            var k = 0;
            for (; k < this.restart && iterations < maxIterations; k++, iterations++)
            {
                var z = preconditioned[k].AsSpan(0, n);
                preconditioner.Apply(basis[k].AsSpan(0, n), z);
                var w = basis[k + 1].AsSpan(0, n);
                a.Multiply(z, w);
                for (var j = 0; j <= k; j++)
                {
                    var h = Dot(w, basis[j].AsSpan(0, n));
                    H(j, k) = h;
                    Axpy(-h, basis[j].AsSpan(0, n), w);
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
                    var t = cos[j] * H(j, k) + sin[j] * H(j + 1, k);
                    H(j + 1, k) = -sin[j] * H(j, k) + cos[j] * H(j + 1, k);
                    H(j, k) = t;
                }

                var denom = Math.Sqrt(H(k, k) * H(k, k) + H(k + 1, k) * H(k + 1, k));
                cos[k] = denom == 0 ? 1 : H(k, k) / denom;
                sin[k] = denom == 0 ? 0 : H(k + 1, k) / denom;
                H(k, k) = denom;
                H(k + 1, k) = 0;
                this.g[k + 1] = -sin[k] * this.g[k];
                this.g[k] = cos[k] * this.g[k];
                relative = Math.Abs(this.g[k + 1]) / bNorm;
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
                var sum = this.g[i];
                for (var j = i + 1; j < k; j++)
                {
                    sum -= H(i, j) * this.y[j];
                }

                this.y[i] = H(i, i) == 0 ? 0 : sum / H(i, i);
            }

            for (var j = 0; j < k; j++)
            {
                Axpy(this.y[j], preconditioned[j].AsSpan(0, n), x);
            }

            if (relative <= tolerance)
            {
                return relative;
            }
        }

        return relative;
    }

    private ref double H(int row, int col) => ref hessenberg[row * this.restart + col];

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
