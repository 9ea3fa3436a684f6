namespace MarketSim.Market.Providers;

/// <summary>
/// A further plan of an ISP (its <see cref="Owner"/>), such as a bundle with a partner network or a proxy multipath
/// plan, booked on its own row: it owns no network; its owner's network carries its users and bears their cost.
/// </summary>
/// <param name="Id">The provider's position in the market.</param>
/// <param name="Name">Unique name, used in output rows.</param>
/// <param name="Owner">The ISP it belongs to.</param>
/// <param name="Quality">Brand value in money per month added to the utility of holding its plan.</param>
/// <param name="MarginalCost">Cost per subscriber per month, on top of the owner's per line carried.</param>
/// <param name="InitialPrice">Flat monthly fee at tick 0.</param>
/// <param name="InitialShare">Share of the users who start with its plan.</param>
/// <param name="Pricing">How it sets its fee each tick.</param>
/// <param name="Tariff">Usage and performance terms of the contract around the fee.</param>
public sealed record ProductLineSpec(
    ProviderId Id,
    string Name,
    ProviderId Owner,
    double Quality,
    double MarginalCost,
    double InitialPrice,
    double InitialShare,
    PricingRule Pricing,
    Tariff Tariff) : ProviderSpec(Id, Name, Quality, MarginalCost, InitialPrice, InitialShare, Pricing, Tariff)
{
    /// <inheritdoc/>
    public override ProviderKind Kind => ProviderKind.ProductLine;
}
