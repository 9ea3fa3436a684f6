using System.Collections.Concurrent;
using MathNet.Numerics.Distributions;

namespace MarketSim.Reports;

/// <summary>
/// A two-sided 95 % confidence interval for a mean: mean ± t(0.975, n − 1) · s / √n (Student t, because the
/// spread is estimated from as few as two replications). With fewer than two observations there is no spread to
/// estimate: <see cref="HalfWidth"/> is NaN and <see cref="HasWidth"/> false, so plots draw the mean without a band.
/// </summary>
/// <param name="Mean">Sample mean; NaN when <paramref name="N"/> is 0.</param>
/// <param name="HalfWidth">Half the interval's width; NaN when <paramref name="N"/> is below 2.</param>
/// <param name="N">Number of observations.</param>
public readonly record struct ConfidenceInterval(double Mean, double HalfWidth, int N)
{
    /// <summary>Confidence level of every interval in the report.</summary>
    public const double Level = 0.95;

    // InvCDF solves for the root numerically; the report asks for the same few degrees of freedom thousands of times.
    private static readonly ConcurrentDictionary<int, double> Quantiles = new();

    /// <summary>True when the interval has a width (two or more observations).</summary>
    public bool HasWidth => N >= 2;

    /// <summary>Lower end (NaN without a width).</summary>
    public double Lower => Mean - HalfWidth;

    /// <summary>Upper end (NaN without a width).</summary>
    public double Upper => Mean + HalfWidth;

    /// <summary>The interval of a sample; NaN and infinite entries count as missing observations (an undefined rate).</summary>
    public static ConfidenceInterval Of(IReadOnlyList<double> sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var moments = new RunningMoments();
        foreach (var x in sample) moments.Add(x);
        return moments.Interval();
    }

    /// <summary>The interval from summary statistics: count, mean and unbiased sample variance.</summary>
    public static ConfidenceInterval FromMoments(int n, double mean, double sampleVariance)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (n == 0) return new(double.NaN, double.NaN, 0);
        if (n == 1) return new(mean, double.NaN, 1);
        return new(mean, TQuantile(n - 1) * Math.Sqrt(Math.Max(0, sampleVariance) / n), n);
    }

    /// <summary>t(0.975, degrees of freedom): the multiplier of the standard error.</summary>
    public static double TQuantile(int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        return Quantiles.GetOrAdd(degreesOfFreedom, df => StudentT.InvCDF(0, 1, df, 0.5 + Level / 2));
    }
}
