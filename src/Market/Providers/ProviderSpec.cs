namespace MarketSim.Market.Providers;

/// <summary>
/// One access provider (ISP) as configured. Money is per user per tick (a tick is one month);
/// rates are in Mbit/s; <see cref="Coverage"/> is the fraction of locations where the ISP has a cell or hotspot.
/// </summary>
/// <param name="Index">Dense index 0..P-1, the order of the experiment file; also the tie-break order.</param>
/// <param name="Name">Unique name, used in output rows.</param>
/// <param name="Technology">3G or WLAN.</param>
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
public sealed record ProviderSpec(
    int Index,
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
    Tariff Tariff);
