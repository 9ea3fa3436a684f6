namespace MarketSim.Transport.Controllers;

/// <summary>
/// LIA (RFC 6356) equilibrium: x_r = min(K a_r, C_r) with a_r = 1/(p_r rtt_r), C_r = min(T_r, access cap),
/// and K &gt; 0 solving h(K) = K X(K)^2 - 2 max_r(x_r(K)/rtt_r) = 0.
/// <para>
/// The min with T_r is the per-subflow TCP limit of RFC 6356 (the increase is never above 1/w_r).
/// An access cap is a private link whose price rises until the subflow is at the cap, which is the same as
/// lowering C_r to the cap. h is continuous, negative near 0, and strictly increasing at every root
/// (h'(K) &gt;= X^2 + 2 K X sum_uncapped a - 2 d max/dK &gt; 0 because K X^2 = 2 max), so the positive root is
/// unique. Paths saturate in increasing order of kappa_r = C_r / a_r; the root is located between two
/// consecutive thresholds and solved there in closed form (or by a monotone Newton iteration on a convex
/// cubic when a saturated subflow attains the max).
/// </para>
/// </summary>
internal static class LiaResponse
{
    public static void Respond(
        ReadOnlySpan<double> p, ReadOnlySpan<double> rtt, ReadOnlySpan<double> cap,
        Span<double> x, Span<double> jac, ResponseWorkspace ws)
    {
        var n = p.Length;
        if (n == 2 && RespondTwoUnsaturated(p, rtt, cap, x, jac))
        {
            return;
        }

        var a = ws.Vector(0, n);
        var limit = ws.Vector(1, n);
        var kappa = ws.Vector(2, n);
        var dLimit = ws.Vector(3, n);
        var order = ws.Indices(0, n);
        var saturated = ws.Indices(1, n);

        for (var r = 0; r < n; r++)
        {
            a[r] = 1.0 / (p[r] * rtt[r]);
            var t = PathLoss.RenoRate(p[r], rtt[r]);
            if (t <= cap[r])
            {
                limit[r] = t;
                dLimit[r] = -0.5 * t / p[r];
            }
            else
            {
                limit[r] = cap[r];
                dLimit[r] = 0;
            }

            kappa[r] = limit[r] / a[r];
            order[r] = r;
            saturated[r] = 0;
        }

        // Common case first: no subflow saturated, K = sqrt(2 max a_r/rtt_r) / sum a_r.
        var k = UnsaturatedRoot(a, rtt, kappa);
        if (double.IsNaN(k))
        {
            k = SaturatedRoot(a, limit, kappa, rtt, order, saturated);
        }

        var total = 0.0;
        var argMax = 0;
        var maxRatio = double.NegativeInfinity;
        for (var r = 0; r < n; r++)
        {
            x[r] = saturated[r] == 1 ? limit[r] : k * a[r];
            total += x[r];
            var ratio = x[r] / rtt[r];
            if (ratio > maxRatio)
            {
                maxRatio = ratio;
                argMax = r;
            }
        }

        if (jac.IsEmpty)
        {
            return;
        }

        // Implicit differentiation of G(K, p) = K X^2 - 2 max_r x_r/rtt_r = 0.
        var sumUnsaturated = 0.0;
        for (var r = 0; r < n; r++)
        {
            sumUnsaturated += saturated[r] == 1 ? 0 : a[r];
        }

        var gK = total * total + 2 * k * total * sumUnsaturated
                 - (saturated[argMax] == 1 ? 0 : 2 * a[argMax] / rtt[argMax]);
        jac.Clear();
        for (var j = 0; j < n; j++)
        {
            var dxjOwn = saturated[j] == 1 ? dLimit[j] : -k * a[j] / p[j];
            var dMax = j == argMax ? dxjOwn / rtt[j] : 0;
            var gP = 2 * k * total * dxjOwn - 2 * dMax;
            var dK = -gP / gK;
            for (var r = 0; r < n; r++)
            {
                if (saturated[r] == 0)
                {
                    jac[r * n + j] = a[r] * dK;
                }
            }

            jac[j * n + j] += dxjOwn;
        }
    }

    /// <summary>
    /// The common case of two subflows neither of which saturates, without scratch arrays; false when a
    /// subflow saturates (the general path then handles it).
    /// </summary>
    private static bool RespondTwoUnsaturated(
        ReadOnlySpan<double> p, ReadOnlySpan<double> rtt, ReadOnlySpan<double> cap, Span<double> x, Span<double> jac)
    {
        double p0 = p[0], p1 = p[1], r0 = rtt[0], r1 = rtt[1];
        var a0 = 1 / (p0 * r0);
        var a1 = 1 / (p1 * r1);
        var m = a0 / r0 >= a1 / r1 ? 0 : 1;
        var b = m == 0 ? a0 / r0 : a1 / r1;
        var sumA = a0 + a1;
        var k = Math.Sqrt(2 * b) / sumA;
        var x0 = k * a0;
        var x1 = k * a1;
        if (x0 > Math.Min(PathLoss.RenoRate(p0, r0), cap[0]) || x1 > Math.Min(PathLoss.RenoRate(p1, r1), cap[1]))
        {
            return false;
        }

        x[0] = x0;
        x[1] = x1;
        if (jac.IsEmpty)
        {
            return true;
        }

        // Implicit differentiation of G(K, p) = K X^2 - 2 K a_m / rtt_m = 0 with X = K (a0 + a1).
        var total = x0 + x1;
        var gK = total * total + 2 * k * total * sumA - 2 * (m == 0 ? a0 / r0 : a1 / r1);
        var own0 = -x0 / p0;
        var own1 = -x1 / p1;
        var dK0 = -(2 * k * total * own0 - (m == 0 ? 2 * own0 / r0 : 0)) / gK;
        var dK1 = -(2 * k * total * own1 - (m == 1 ? 2 * own1 / r1 : 0)) / gK;
        jac[0] = a0 * dK0 + own0;
        jac[1] = a0 * dK1;
        jac[2] = a1 * dK0;
        jac[3] = a1 * dK1 + own1;
        return true;
    }

    private static double UnsaturatedRoot(ReadOnlySpan<double> a, ReadOnlySpan<double> rtt, ReadOnlySpan<double> kappa)
    {
        var sumA = 0.0;
        var b = 0.0;
        for (var r = 0; r < a.Length; r++)
        {
            sumA += a[r];
            b = Math.Max(b, a[r] / rtt[r]);
        }

        var k = Math.Sqrt(2 * b) / sumA;
        for (var r = 0; r < a.Length; r++)
        {
            if (k > kappa[r])
            {
                return double.NaN;
            }
        }

        return k;
    }

    // Scans the intervals between consecutive saturation thresholds for the one holding the root.
    private static double SaturatedRoot(
        ReadOnlySpan<double> a, ReadOnlySpan<double> limit, ReadOnlySpan<double> kappa, ReadOnlySpan<double> rtt,
        Span<int> order, Span<int> saturated)
    {
        var n = a.Length;
        WaterFillResponse.SortAscending(order, kappa);
        var k = double.NaN;
        var lower = 0.0;
        for (var i = 0; i < n && double.IsNaN(k); i++)
        {
            Sums(i, order, a, limit, rtt, out var sumA, out var sumC, out var b, out var c);
            var upper = kappa[order[i]];
            var atUpper = upper * Square(upper * sumA + sumC) - 2 * Math.Max(upper * b, c);
            if (atUpper >= 0)
            {
                k = SolveBetween(lower, upper, sumA, sumC, b, c);
                for (var j = 0; j < i; j++)
                {
                    saturated[order[j]] = 1;
                }
            }

            lower = upper;
        }

        if (double.IsNaN(k))
        {
            // Every subflow saturated: X is the sum of limits and K only has to satisfy K X^2 = 2 max.
            Sums(n, order, a, limit, rtt, out _, out var sumC, out _, out var c);
            k = 2 * c / (sumC * sumC);
            saturated.Fill(1);
        }

        return k;
    }

    // Sums over the configuration where order[0..split) are saturated and the rest are not.
    private static void Sums(
        int split, ReadOnlySpan<int> order, ReadOnlySpan<double> a, ReadOnlySpan<double> limit, ReadOnlySpan<double> rtt,
        out double sumA, out double sumC, out double b, out double c)
    {
        sumA = 0;
        sumC = 0;
        b = 0;
        c = 0;
        for (var i = 0; i < order.Length; i++)
        {
            var r = order[i];
            if (i < split)
            {
                sumC += limit[r];
                c = Math.Max(c, limit[r] / rtt[r]);
            }
            else
            {
                sumA += a[r];
                b = Math.Max(b, a[r] / rtt[r]);
            }
        }
    }

    private static double SolveBetween(double lower, double upper, double sumA, double sumC, double b, double c)
    {
        // Branch where an unsaturated subflow attains the max: (K sumA + sumC)^2 = 2 b.
        var kb = (Math.Sqrt(2 * b) - sumC) / sumA;
        const double slack = 1e-12;
        if (kb >= lower * (1 - slack) && kb <= upper * (1 + slack) && kb * b >= c * (1 - slack))
        {
            return Math.Clamp(kb, lower, upper);
        }

        // Branch where a saturated subflow attains the max: f(K) = K (K sumA + sumC)^2 - 2c = 0.
        // f is convex and increasing for K > 0 and f(upper) >= 0, so Newton from the right is monotone.
        var kk = upper;
        for (var it = 0; it < 100; it++)
        {
            var s = kk * sumA + sumC;
            var f = kk * s * s - 2 * c;
            var df = s * s + 2 * kk * sumA * s;
            var next = kk - f / df;
            if (!(next < kk) || kk - next <= 1e-15 * kk)
            {
                kk = Math.Min(kk, next);
                break;
            }

            kk = next;
        }

        return Math.Clamp(kk, lower, upper);
    }

    private static double Square(double v) => v * v;
}
