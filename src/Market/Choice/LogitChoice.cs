namespace MarketSim.Market.Choice;

/// <summary>
/// Multinomial logit: P(k) = exp(alpha U_k) / sum_j exp(alpha U_j), the choice probabilities of utility
/// maximisers with i.i.d. Gumbel noise of scale 1/alpha. Sampling inverts the cumulative distribution with
/// one uniform draw, which equals Gumbel-max in distribution but needs one random number instead of K.
/// </summary>
public static class LogitChoice
{
    /// <summary>Fills <paramref name="probabilities"/> with the logit probabilities (stable: max subtracted).</summary>
    public static void Probabilities(ReadOnlySpan<double> utilities, double alpha, Span<double> probabilities)
    {
        if (utilities.Length == 0) throw new ArgumentException("At least one alternative is needed.", nameof(utilities));
        double max = double.NegativeInfinity;
        foreach (double u in utilities) max = Math.Max(max, u);
        double sum = 0;
        for (int k = 0; k < utilities.Length; k++)
        {
            probabilities[k] = Math.Exp(alpha * (utilities[k] - max));
            sum += probabilities[k];
        }
        for (int k = 0; k < utilities.Length; k++) probabilities[k] /= sum;
    }

    /// <summary>Index of the chosen alternative for a uniform draw in (0, 1).</summary>
    public static int Sample(ReadOnlySpan<double> utilities, double alpha, double uniform)
    {
        Span<double> p = utilities.Length <= 64 ? stackalloc double[utilities.Length] : new double[utilities.Length];
        Probabilities(utilities, alpha, p);
        double cumulative = 0;
        for (int k = 0; k < p.Length - 1; k++)
        {
            cumulative += p[k];
            if (uniform < cumulative) return k;
        }
        return p.Length - 1;
    }

    /// <summary>Expected maximum utility (the log-sum), the consumer surplus of one user in money: ln(sum exp(alpha U)) / alpha.</summary>
    public static double LogSum(ReadOnlySpan<double> utilities, double alpha)
    {
        double max = double.NegativeInfinity;
        foreach (double u in utilities) max = Math.Max(max, u);
        double sum = 0;
        foreach (double u in utilities) sum += Math.Exp(alpha * (u - max));
        return max + Math.Log(sum) / alpha;
    }
}
