namespace MarketSim.Transport.Controllers;

/// <summary>
/// Reno and EWTCP: every subflow is an independent TCP. Reno's fluid equilibrium is
/// x_r = sqrt(2/p_r)/rtt_r (the increase 1/w per ack balances the decrease w/2 per loss);
/// EWTCP weights the increase by 1/n^2, which divides the window by n: x_r = T_r / n.
/// The access cap is a private link: x_r = min(T_r / n, cap_r).
/// </summary>
internal static class UncoupledResponse
{
    /// <param name="p">Path losses.</param>
    /// <param name="rtt">Path RTTs (s).</param>
    /// <param name="cap">Per-user access caps (packets/s).</param>
    /// <param name="divisor">1 for Reno, n for EWTCP.</param>
    /// <param name="x">Per-user rates (packets/s), written.</param>
    /// <param name="jac">n-by-n d x / d p, written (diagonal), or empty.</param>
    public static void Respond(
        ReadOnlySpan<double> p, ReadOnlySpan<double> rtt, ReadOnlySpan<double> cap, double divisor,
        Span<double> x, Span<double> jac)
    {
        var n = p.Length;
        if (!jac.IsEmpty)
        {
            jac.Clear();
        }

        for (var r = 0; r < n; r++)
        {
            var t = PathLoss.RenoRate(p[r], rtt[r]) / divisor;
            if (t < cap[r])
            {
                x[r] = t;
                if (!jac.IsEmpty)
                {
                    jac[r * n + r] = -0.5 * t / p[r];
                }
            }
            else
            {
                x[r] = cap[r];
            }
        }
    }
}
