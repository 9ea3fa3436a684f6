using MarketSim.Market.Randomness;
using MathNet.Numerics.Statistics;

namespace MarketSim.Reports;

/// <summary>One elementary effect: parameter <paramref name="Parameter"/> moved by <paramref name="Step"/> (in units of its
/// range, signed) changed the output by <paramref name="Change"/>.</summary>
public readonly record struct ElementaryStep(int Parameter, double Step, double Change);

/// <summary>Morris screening measures of one parameter: mu* = mean |EE| (Campolongo et al. 2007) with a bootstrap
/// interval, mu = mean EE and sigma = standard deviation of EE (interactions or non-linearity).</summary>
public sealed record MorrisIndex(double MuStarLow, double MuStar, double MuStarHigh, double Mu, double Sigma, int Effects);

/// <summary>
/// Elementary effects EE = Δf / Δx (Morris 1991), Δx in units of each parameter's range. Hand-written for the same
/// reason as <see cref="SobolIndices"/>; MathNet supplies the moments.
/// </summary>
public static class MorrisEffects
{
    /// <summary>mu*, mu, sigma per parameter (0..<paramref name="parameters"/>−1) from the trajectories' steps.</summary>
    public static IReadOnlyList<MorrisIndex> Estimate(IReadOnlyList<ElementaryStep> steps, int parameters, ulong seed,
        int resamples = SobolIndices.DefaultResamples)
    {
        var random = new CounterRandom(seed);
        return Enumerable.Range(0, parameters).Select(i =>
        {
            var effects = steps.Where(s => s.Parameter == i && s.Step != 0).Select(s => s.Change / s.Step).ToArray();
            if (effects.Length == 0) return new MorrisIndex(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0);
            var muStar = effects.Select(Math.Abs).Mean();
            var boot = Enumerable.Range(0, resamples).Select(b => Enumerable.Range(0, effects.Length)
                .Select(e => Math.Abs(effects[(int)(random.Uniform(RandomStream.Design, (long)i * resamples + b, e) * effects.Length)])).Mean());
            var (low, high) = SobolIndices.Percentiles(boot);
            var sigma = effects.Length > 1 ? effects.StandardDeviation() : 0;
            return new MorrisIndex(low, muStar, high, effects.Mean(), sigma, effects.Length);
        }).ToList();
    }
}
