namespace MarketSim.Transport.Links;

/// <summary>
/// M/M/1/K blocking probability B(rho) = (1 - rho) rho^K / (1 - rho^(K+1)), the loss of a link with
/// utilisation rho (offered load / capacity) holding at most K packets; B(1) = 1/(K+1) and B -&gt; 1 - 1/rho
/// in overload. Evaluated in log space with t = ln rho, because B spans hundreds of orders of magnitude
/// below rho = 1 and the naive formula is 0/0 at rho = 1.
/// </summary>
internal static class MM1KLoss
{
    private const double SmallestUtilisation = 1e-300;

    /// <summary>ln B(rho) and its elasticity d ln B / d ln rho.</summary>
    public static double LogBlocking(double rho, int k, out double elasticity)
    {
        var t = Math.Log(Math.Max(rho, SmallestUtilisation));
        double kk = k;
        var k1 = kk + 1;
        if (Math.Abs(k1 * t) < 1e-5)
        {
            // Series about rho = 1, where the exact terms cancel.
            elasticity = 0.5 * kk - kk * (kk + 2) * t / 12;
            return -Math.Log(k1) + 0.5 * kk * t - kk * (kk + 2) / 24 * t * t;
        }

        if (t < 0)
        {
            var em = ExpM1(t);
            var emk = ExpM1(k1 * t);
            elasticity = Math.Exp(t) / em + kk - k1 * Math.Exp(k1 * t) / emk;
            return Math.Log(-em) + kk * t - Math.Log(-emk);
        }

        var en = ExpM1(-t);
        var enk = ExpM1(-k1 * t);
        elasticity = Math.Exp(-t) / -en - k1 * Math.Exp(-k1 * t) / -enk;
        return Math.Log(-en) - Math.Log(-enk);
    }

    /// <summary>
    /// The utilisation at which the blocking probability equals <paramref name="loss"/> (in (0, 1)), and the
    /// elasticity d ln B / d ln rho there. Safeguarded Newton on ln B(t) = ln loss in t = ln rho, which is
    /// increasing; the bracket is widened until it holds the root.
    /// </summary>
    public static double InverseBlocking(double loss, int k, out double elasticity)
    {
        var target = Math.Log(loss);
        var lo = -1.0;
        var hi = 1.0;
        while (LogBlocking(Math.Exp(lo), k, out _) > target)
        {
            lo *= 2;
        }

        while (LogBlocking(Math.Exp(hi), k, out _) < target)
        {
            hi *= 2;
        }

        var t = 0.5 * (lo + hi);
        elasticity = 0;
        for (var it = 0; it < 100; it++)
        {
            var f = LogBlocking(Math.Exp(t), k, out elasticity) - target;
            if (f > 0)
            {
                hi = t;
            }
            else
            {
                lo = t;
            }

            if (Math.Abs(f) < 1e-13 || hi - lo < 1e-15)
            {
                break;
            }

            var next = t - f / elasticity;
            t = next > lo && next < hi ? next : 0.5 * (lo + hi);
        }

        return Math.Exp(t);
    }

    /// <summary>B(rho) itself.</summary>
    public static double Blocking(double rho, int k) => Math.Exp(LogBlocking(rho, k, out _));

    /// <summary>exp(x) - 1 without cancellation for small x (Kahan's trick; double.ExpM1 is not accurate).</summary>
    public static double ExpM1(double x)
    {
        if (Math.Abs(x) < 1e-5)
        {
            return x + x * x * (0.5 + x / 6);
        }

        var u = Math.Exp(x);
        if (u == 1.0)
        {
            return x;
        }

        var um1 = u - 1.0;
        if (um1 == -1.0)
        {
            return -1.0;
        }

        return double.IsPositiveInfinity(u) ? u : um1 * x / Math.Log(u);
    }
}
