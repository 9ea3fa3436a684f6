namespace MarketSim.Market.Choice;

/// <summary>
/// Nested logit in Berry's (1994) notation with nesting parameter sigma in [0, 1): alternatives are grouped in nests,
/// the taste terms of a nest's members are correlated (sigma = 0: independent, the plain logit; sigma → 1: perfectly, so
/// a nest acts as one alternative). With D_k = sum over j in nest k of exp(alpha U_j / (1 − sigma)) and the inclusive
/// value I_k = (1 − sigma) ln D_k:
/// P(j) = P(k) P(j | k), P(k) = exp(I_k) / sum_m exp(I_m), P(j | k) = exp(alpha U_j / (1 − sigma)) / D_k,
/// and the expected maximum utility in money is (1 / alpha) ln sum_k exp(I_k) (the constant gamma / alpha dropped, as
/// in <see cref="LogitChoice.LogSum"/>). A generalised extreme value model, so the distribution of the maximum does not
/// depend on which alternative attains it: E[taste of j | j chosen] = LogSum − U_j + gamma / alpha as in the plain logit
/// (McFadden 1978), which keeps <see cref="Population.RealisedSurplus"/> valid unchanged.
/// <para>Nests are given per alternative as any integers (alternatives with the same number share a nest); a span of
/// up to a few dozen alternatives is grouped by scanning, O(K²), which is cheaper than a dictionary at these sizes.
/// Hand-written because MathNet has no discrete-choice models.</para>
/// </summary>
public static class NestedLogit
{
    /// <summary>Fills <paramref name="probabilities"/> with the nested-logit probabilities. It may be the same span as
    /// <paramref name="utilities"/> (the demand oracle overwrites a row in place).</summary>
    public static void Probabilities(ReadOnlySpan<double> utilities, ReadOnlySpan<int> nests, double alpha, double sigma, Span<double> probabilities)
    {
        var k = Check(utilities, nests, sigma);
        Span<double> nestSum = k <= 64 ? stackalloc double[k] : new double[k];
        var total = InclusiveTotal(utilities, nests, alpha, sigma, probabilities, nestSum, out _);
        for (var j = 0; j < k; j++)
        {
            var d = nestSum[j];
            // P(j) = (e_j / D_k) × D_k^(1 − sigma) / total = e_j D_k^(−sigma) / total; an empty nest (all −∞) gives 0.
            probabilities[j] = d > 0 ? probabilities[j] * Math.Pow(d, -sigma) / total : 0;
        }
    }

    /// <summary>Index of the chosen alternative for a uniform draw in (0, 1), by inverting the cumulative distribution in
    /// alternative order (as <see cref="LogitChoice.Sample"/> does).</summary>
    public static int Sample(ReadOnlySpan<double> utilities, ReadOnlySpan<int> nests, double alpha, double sigma, double uniform)
    {
        Span<double> p = utilities.Length <= 64 ? stackalloc double[utilities.Length] : new double[utilities.Length];
        Probabilities(utilities, nests, alpha, sigma, p);
        double cumulative = 0;
        for (var j = 0; j < p.Length - 1; j++)
        {
            cumulative += p[j];
            if (uniform < cumulative) return j;
        }
        return p.Length - 1;
    }

    /// <summary>Expected maximum utility in money, (1 / alpha) ln sum_k exp(I_k): the consumer surplus of one user.</summary>
    public static double LogSum(ReadOnlySpan<double> utilities, ReadOnlySpan<int> nests, double alpha, double sigma)
    {
        var k = Check(utilities, nests, sigma);
        Span<double> e = k <= 64 ? stackalloc double[k] : new double[k];
        Span<double> nestSum = k <= 64 ? stackalloc double[k] : new double[k];
        var total = InclusiveTotal(utilities, nests, alpha, sigma, e, nestSum, out var max);
        return max + Math.Log(total) / alpha;
    }

    /// <summary>Sum over nests of D_k^(1 − sigma), with e_j = exp(alpha (U_j − max) / (1 − sigma)) left in
    /// <paramref name="scaled"/> and each alternative's nest sum D_k in <paramref name="nestSum"/>: the common part of the
    /// probabilities and the log-sum. Every D_k shares the factor exp(−alpha max / (1 − sigma)), which cancels in the
    /// probabilities and is added back as <paramref name="max"/> in the log-sum.</summary>
    private static double InclusiveTotal(ReadOnlySpan<double> utilities, ReadOnlySpan<int> nests, double alpha, double sigma,
        Span<double> scaled, Span<double> nestSum, out double max)
    {
        max = Max(utilities);
        var scale = alpha / (1 - sigma);
        for (var j = 0; j < utilities.Length; j++) scaled[j] = Math.Exp(scale * (utilities[j] - max));
        NestSums(scaled, nests, nestSum);
        double total = 0;
        for (var j = 0; j < utilities.Length; j++) if (IsFirstOfNest(nests, j)) total += Math.Pow(nestSum[j], 1 - sigma);
        return total;
    }

    private static int Check(ReadOnlySpan<double> utilities, ReadOnlySpan<int> nests, double sigma)
    {
        if (utilities.Length == 0) throw new ArgumentException("At least one alternative is needed.", nameof(utilities));
        if (nests.Length != utilities.Length) throw new ArgumentException("One nest per alternative is needed.", nameof(nests));
        if (!(sigma >= 0 && sigma < 1)) throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "The nesting parameter must be in [0, 1).");
        return utilities.Length;
    }

    private static double Max(ReadOnlySpan<double> utilities)
    {
        var max = double.NegativeInfinity;
        foreach (var u in utilities) max = Math.Max(max, u);
        return max;
    }

    /// <summary>For each alternative, the sum of <paramref name="e"/> over its nest.</summary>
    private static void NestSums(ReadOnlySpan<double> e, ReadOnlySpan<int> nests, Span<double> nestSum)
    {
        for (var j = 0; j < e.Length; j++)
        {
            double sum = 0;
            for (var m = 0; m < e.Length; m++) if (nests[m] == nests[j]) sum += e[m];
            nestSum[j] = sum;
        }
    }

    private static bool IsFirstOfNest(ReadOnlySpan<int> nests, int j)
    {
        for (var m = 0; m < j; m++) if (nests[m] == nests[j]) return false;
        return true;
    }
}
