namespace MarketSim.Market.Dynamics;

/// <summary>
/// Bass (1969) diffusion of MPTCP-capable devices: the capable share F grows as dF/dt = (p + q F)(1 − F), innovators
/// adopting at rate p whatever others do and imitators at rate q F, in proportion to those who already adopted.
/// With F(0) = F0 the Riccati equation integrates to F(t) = (K − p e^(−(p+q)t)) / (K + q e^(−(p+q)t)),
/// K = (p + q F0) / (1 − F0), which for F0 = 0 is Bass's F(t) = (1 − e^(−(p+q)t)) / (1 + (q/p) e^(−(p+q)t)).
/// Time is in months (a tick). The discrete-time form advances one month at a time with the month's imitation rate held
/// constant inside the month and integrated exactly, so that with a constant rate it reproduces the closed form at
/// every month rather than accumulating Euler error; the rate may change between months (feedback from the value
/// multipath users obtain, <see cref="ImitationFactor"/>).
/// </summary>
/// <param name="InitialShare">Capable share at month 0, F0 in [0, 1].</param>
/// <param name="Innovation">Innovation coefficient p per month, ≥ 0.</param>
/// <param name="Imitation">Imitation coefficient q per month, ≥ 0.</param>
/// <param name="ValueFeedback">How strongly imitation responds to what multipath users gain: q_t = q (1 + feedback × gain_t),
/// gain_t the relative throughput advantage multipath users had over single-path users in month t (≥ 0,
/// <see cref="MultipathGain"/>); 0 = plain Bass.</param>
public sealed record BassDiffusion(double InitialShare, double Innovation, double Imitation, double ValueFeedback = 0)
{
    /// <summary>The capable share after <paramref name="months"/> months without feedback (the closed form).</summary>
    public double ShareAt(double months) => Advance(InitialShare, Innovation, Imitation, months);

    /// <summary>The share one month after <paramref name="share"/> when the month's imitation rate is q × <paramref name="imitationFactor"/>.</summary>
    public double Step(double share, double imitationFactor = 1.0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(imitationFactor);
        return Advance(share, Innovation, Imitation * imitationFactor, 1.0);
    }

    /// <summary>The month's imitation multiplier for a relative throughput gain of multipath users over single-path ones
    /// (negative gains count as none: imitators copy a visible advantage, not a visible loss).</summary>
    public double ImitationFactor(double multipathGain) => 1.0 + ValueFeedback * Math.Max(0.0, double.IsFinite(multipathGain) ? multipathGain : 0.0);

    /// <summary>Exact solution of dF/dt = (p + q F)(1 − F) after <paramref name="months"/> from <paramref name="start"/>.</summary>
    private static double Advance(double start, double p, double q, double months)
    {
        if (start >= 1.0) return 1.0;
        var rate = p + q;
        if (rate <= 0 || months <= 0) return start;
        var k = (p + q * start) / (1.0 - start);
        var decay = Math.Exp(-rate * months);   // written with the decaying exponential: no overflow for long horizons
        var share = (k - p * decay) / (k + q * decay);
        return Math.Clamp(share, start, 1.0);
    }
}
