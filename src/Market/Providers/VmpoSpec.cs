namespace MarketSim.Market.Providers;

/// <summary>
/// A virtual multipath operator: owns no access network, buys wholesale access from the ISPs of its plan
/// (<see cref="ProviderSpec.Offer"/>) and pays each its wholesale price per subscriber.
/// </summary>
/// <param name="Id">The provider's position in the market.</param>
/// <param name="Name">Unique name, used in output rows.</param>
/// <param name="Quality">Brand value in money per month added to the utility of holding its plan.</param>
/// <param name="MarginalCost">Cost per subscriber per month.</param>
/// <param name="InitialPrice">Flat monthly fee at tick 0.</param>
/// <param name="InitialShare">Share of the users who start with its plan.</param>
/// <param name="Pricing">How it sets its fee each tick.</param>
/// <param name="Tariff">Usage and performance terms of the contract around the fee.</param>
public sealed record VmpoSpec(
    ProviderId Id,
    string Name,
    double Quality,
    double MarginalCost,
    double InitialPrice,
    double InitialShare,
    PricingRule Pricing,
    Tariff Tariff) : ProviderSpec(Id, Name, Quality, MarginalCost, InitialPrice, InitialShare, Pricing, Tariff)
{
    /// <inheritdoc/>
    public override ProviderKind Kind => ProviderKind.Vmpo;
}
