using MarketSim.Market.Randomness;
using MathNet.Numerics.Statistics;

namespace MarketSim.Reports;

/// <summary>An estimate with a 95 % bootstrap percentile interval.</summary>
public readonly record struct Estimate(double Value, double Low, double High);

/// <summary>First-order and total Sobol indices of one parameter.</summary>
public sealed record SobolIndex(double FirstLow, double First, double FirstHigh, double TotalLow, double Total, double TotalHigh)
{
    /// <summary>First-order index with its interval.</summary>
    public Estimate FirstOrder => new(First, FirstLow, FirstHigh);

    /// <summary>Total index with its interval.</summary>
    public Estimate TotalOrder => new(Total, TotalLow, TotalHigh);
}

/// <summary>
/// Sobol indices from a Saltelli design (Saltelli et al. 2010, Table 2): with V the variance of f over the A and B
/// rows together, first order S_i = mean((f(B) − f0) (f(A_B^i) − f(A))) / V (f0 the mean of f) and total (Jansen 1999)
/// ST_i = mean((f(A) − f(A_B^i))²) / (2 V). Intervals: percentile bootstrap over the N base rows (each resample keeps
/// a row's A, B and A_B values together), draws keyed by a seed so the intervals are reproducible.
/// Hand-written because neither MathNet nor any served .NET package has variance-based sensitivity estimators;
/// MathNet supplies the moments.
/// </summary>
public static class SobolIndices
{
    /// <summary>Bootstrap resamples used when none is given.</summary>
    public const int DefaultResamples = 1000;

    /// <summary>Estimates the indices. <paramref name="fAB"/>[i][j] is f at row j of A_B^i.</summary>
    public static IReadOnlyList<SobolIndex> Estimate(IReadOnlyList<double> fA, IReadOnlyList<double> fB, IReadOnlyList<IReadOnlyList<double>> fAB,
        ulong seed, int resamples = DefaultResamples)
    {
        var n = fA.Count;
        if (n < 2 || fB.Count != n || fAB.Any(c => c.Count != n))
            throw new ArgumentException("A, B and every A_B^i need the same number of rows, at least 2");
        var identity = Enumerable.Range(0, n).ToArray();
        var draws = new double[resamples][];
        var random = new CounterRandom(seed);
        for (var b = 0; b < resamples; b++)
        {
            var resample = b;
            var rows = Enumerable.Range(0, n).Select(j => (int)(random.Uniform(RandomStream.Design, resample, j) * n)).ToArray();
            draws[b] = Indices(fA, fB, fAB, rows);
        }
        var point = Indices(fA, fB, fAB, identity);
        var k = fAB.Count;
        return Enumerable.Range(0, k).Select(i =>
        {
            var first = Percentiles(draws.Select(d => d[i]));
            var total = Percentiles(draws.Select(d => d[k + i]));
            return new SobolIndex(first.Low, point[i], first.High, total.Low, point[k + i], total.High);
        }).ToList();
    }

    /// <summary>First orders then totals over the given rows (repeats allowed).</summary>
    private static double[] Indices(IReadOnlyList<double> fA, IReadOnlyList<double> fB, IReadOnlyList<IReadOnlyList<double>> fAB, int[] rows)
    {
        var k = fAB.Count;
        var both = rows.Select(j => fA[j]).Concat(rows.Select(j => fB[j])).ToArray();
        var variance = both.PopulationVariance();
        // f(B) is centred on the sample mean (Sobol 2001's f0 shift): the estimator's expectation is unchanged, since
        // E[f(A_B^i) − f(A)] = 0, but its variance no longer grows with the square of the output's mean, which for a
        // policy difference (e.g. +1.7 money) is large against its spread across the design.
        var mean = both.Mean();
        var result = new double[2 * k];
        for (var i = 0; i < k; i++)
        {
            var ab = fAB[i];
            var first = rows.Select(j => (fB[j] - mean) * (ab[j] - fA[j])).Mean();
            var total = rows.Select(j => (fA[j] - ab[j]) * (fA[j] - ab[j])).Mean();
            // A constant output has no variance to share out: every index is 0 rather than NaN.
            result[i] = variance > 0 ? first / variance : 0;
            result[k + i] = variance > 0 ? total / (2 * variance) : 0;
        }
        return result;
    }

    /// <summary>2.5 % and 97.5 % quantiles (MathNet's R-8 estimator, median-unbiased).</summary>
    internal static (double Low, double High) Percentiles(IEnumerable<double> values)
    {
        var sorted = values.ToArray();
        return (sorted.Quantile(0.025), sorted.Quantile(0.975));
    }
}
