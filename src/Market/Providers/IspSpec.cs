namespace MarketSim.Market.Providers;

/// <summary>
/// An Internet service provider with its own access network. Rates are in Mbit/s; <see cref="Coverage"/> is the
/// fraction of locations where the ISP has a cell, hotspot or line.
/// </summary>
/// <param name="Id">The provider's position in the market.</param>
/// <param name="Name">Unique name, used in output rows.</param>
/// <param name="Technology">3G, WLAN or fixed line.</param>
/// <param name="CellCapacityMbps">Capacity of one cell / hotspot, shared by the ISP's active users in a location.</param>
/// <param name="PeakRateMbps">Most one user can get from one access (radio rate), a private per-user bottleneck.</param>
/// <param name="RttSeconds">Round-trip time of a path through this access.</param>
/// <param name="Coverage">Fraction of locations covered, in [0, 1]; 3G ISPs normally 1.</param>
/// <param name="Quality">Brand value in money per month added to the utility of holding this access.</param>
/// <param name="AdvertisedMbps">What a user who holds no access at all believes this access delivers.</param>
/// <param name="MarginalCost">Cost per subscriber per month.</param>
/// <param name="InitialPrice">Flat monthly fee at tick 0.</param>
/// <param name="InitialShare">Share of the users (inside coverage) who start single-homed with this ISP.</param>
/// <param name="Pricing">How the ISP sets its fee each tick.</param>
/// <param name="Tariff">Usage and performance terms of the contract around the fee.</param>
public sealed record IspSpec(
    ProviderId Id,
    string Name,
    Technology Technology,
    double CellCapacityMbps,
    double PeakRateMbps,
    double RttSeconds,
    double Coverage,
    double Quality,
    double AdvertisedMbps,
    double MarginalCost,
    double InitialPrice,
    double InitialShare,
    PricingRule Pricing,
    Tariff Tariff) : ProviderSpec(Id, Name, Quality, MarginalCost, InitialPrice, InitialShare, Pricing, Tariff)
{
    /// <inheritdoc/>
    public override ProviderKind Kind => ProviderKind.Isp;

    /// <summary>Capacity per location of the backhaul behind its cells, shared by every user of its network there
    /// (infinity: never a bottleneck).</summary>
    public double BackhaulMbps { get; init; } = double.PositiveInfinity;

    /// <summary>Its wholesale price per VMPO subscriber per month is (1 − discount) × its current retail fee ("retail
    /// minus"), in [0, 1].</summary>
    public double WholesaleDiscount { get; init; }

    /// <summary>Chance per month that its network fails in a location (or everywhere, see
    /// <see cref="OutageNetworkWide"/>), in [0, 1]; 0: it never fails.</summary>
    public double OutageProbability { get; init; }

    /// <summary>Hours in a month (365 × 24 / 12), the unit of <see cref="OutageHours"/>.</summary>
    public const double HoursPerMonth = 730;

    /// <summary>How long such an outage lasts, hours (a month is <see cref="HoursPerMonth"/>).</summary>
    public double OutageHours { get; init; }

    /// <summary>True if an outage takes down every location at once (a core failure), false if each location's cell
    /// fails on its own draw.</summary>
    public bool OutageNetworkWide { get; init; }

    /// <summary>What a VMPO pays this ISP per subscriber per month when the ISP's retail fee is <paramref name="retailFee"/>.</summary>
    public double WholesalePrice(double retailFee) => (1 - WholesaleDiscount) * retailFee;
}
