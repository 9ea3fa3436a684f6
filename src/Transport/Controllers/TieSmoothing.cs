namespace MarketSim.Transport.Controllers;

/// <summary>
/// The smoothing of coupled, OLIA and BALIA at ties: a path (or labelling) whose score is a factor ratio &lt; 1
/// below the best gets weight ratio^q relative to it. A relative weight below 1e-16 changes no rate beyond
/// double-precision rounding, so ratios under <see cref="NegligibleRatio"/> count as weight 0 and skip the
/// exp/log (and, for two paths, the general code) entirely.
/// </summary>
internal readonly struct TieSmoothing
{
    private const double LogNegligible = 36.8; // e^-36.8 = 1e-16

    public TieSmoothing(double sharpness)
    {
        Sharpness = sharpness;
        NegligibleRatio = Math.Exp(-LogNegligible / sharpness);
    }

    /// <summary>The exponent q.</summary>
    public double Sharpness { get; }

    /// <summary>Score ratio below which the weight ratio^q is negligible (below 1e-16).</summary>
    public double NegligibleRatio { get; }
}
