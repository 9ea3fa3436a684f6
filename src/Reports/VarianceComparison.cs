namespace MarketSim.Reports;

/// <summary>
/// How much common random numbers help one comparison. <see cref="Paired"/> is the sample variance of the
/// per-replication differences (policy − reference, same seed). <see cref="Unpaired"/> is the variance the same
/// difference would have if the two runs had drawn independent random numbers: s²(policy) + s²(reference), both
/// over the same replications. Paired below unpaired means the shared seeds cancel noise.
/// </summary>
/// <param name="Paired">Sample variance of the paired differences.</param>
/// <param name="Unpaired">Sum of the two sample variances.</param>
/// <param name="Pairs">Replications present (and finite) under both policies.</param>
public sealed record VarianceComparison(double Paired, double Unpaired, int Pairs)
{
    /// <summary>Paired over unpaired variance: below 1 when pairing pays.</summary>
    public double Ratio => Paired / Unpaired;
}
