namespace MarketSim.Reports;

/// <summary>
/// Count, mean and sample variance of a stream of observations (Welford's update), so a sweep's statistics need
/// one accumulator per quantity rather than every replication's rows. Non-finite values are missing observations.
/// A mutable struct: keep it in a field or an array element, never copy it and then add.
/// </summary>
public struct RunningMoments
{
    private int n;
    private double mean;
    private double sumOfSquares;

    /// <summary>Observations added (missing ones not counted).</summary>
    public readonly int N => n;

    /// <summary>Mean; NaN before the first observation.</summary>
    public readonly double Mean => n == 0 ? double.NaN : mean;

    /// <summary>Unbiased sample variance (divides by n − 1); NaN below two observations.</summary>
    public readonly double SampleVariance => n < 2 ? double.NaN : sumOfSquares / (n - 1);

    /// <summary>Adds one observation; NaN or infinite values are skipped.</summary>
    public void Add(double x)
    {
        if (!double.IsFinite(x)) return;
        n++;
        var delta = x - mean;
        mean += delta / n;
        sumOfSquares += delta * (x - mean);
    }

    /// <summary>The 95 % confidence interval of the mean.</summary>
    public readonly ConfidenceInterval Interval() => ConfidenceInterval.FromMoments(n, Mean, SampleVariance);
}
