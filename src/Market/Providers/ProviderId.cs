namespace MarketSim.Market.Providers;

/// <summary>
/// Names a provider: its position 0..P-1 in the market (the order of the experiment file, also the tie-break order).
/// Specs use it where one provider names another (its own id, a product line's owner), so that a provider cannot be
/// mixed up with a count, a location or a portfolio. The numeric kernels (arrays indexed by provider in Population,
/// Choice, Pricing and Transport, and an offer's accesses, which they read per path) keep the dense <c>int</c>
/// <see cref="Value"/>: they index arrays with it in their inner loops, where a wrapper would only add conversions.
/// </summary>
/// <param name="Value">The dense index 0..P-1.</param>
public readonly record struct ProviderId(int Value)
{
    /// <inheritdoc/>
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
