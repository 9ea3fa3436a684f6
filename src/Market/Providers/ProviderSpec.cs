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
/// <param name="Kind">ISP (owns an access network) or VMPO (buys wholesale access).</param>
/// <param name="Offer">The plan the provider sells; null for a plain access of its own network.</param>
/// <param name="BackhaulMbps">ISP only: capacity per location of the backhaul behind its cells, shared by every user
/// of its network there (infinity: never a bottleneck).</param>
/// <param name="WholesaleDiscount">ISP only: its wholesale price per VMPO subscriber per month is (1 − discount) × its
/// current retail fee ("retail minus"), in [0, 1].</param>
/// <param name="Owner">Product line only: index of the ISP that owns it (−1 otherwise).</param>
/// <param name="InitialShareStart">Where this provider's slice of the starting draw begins in [0, 1]: the sum of the
/// initial shares of the providers listed before it in the experiment file, switched off or not, so that taking a
/// provider out leaves every other user's starting plan unchanged (common random numbers). NaN: right after the
/// previous provider's slice.</param>
/// <param name="FixedCost">Money per month the provider pays whatever its subscribers (a network, a proxy, a VMPO
/// platform); booked every month it is in the market.</param>
/// <param name="EntryCost">One-off money paid at month 0 to enter the market; counts against its net present value.</param>
/// <param name="ExitAfterMonths">Exit rule: the provider leaves the market once its monthly profit has been below zero
/// this many months in a row (0: never leaves).</param>
/// <param name="OutageProbability">ISP only: chance per month that its network fails in a location (or everywhere, see
/// <paramref name="OutageNetworkWide"/>), in [0, 1]; 0: it never fails.</param>
/// <param name="OutageHours">ISP only: how long such an outage lasts, hours (a month is <see cref="Network.Outages.HoursPerMonth"/>).</param>
/// <param name="OutageNetworkWide">ISP only: true if an outage takes down every location at once (a core failure),
/// false if each location's cell fails on its own draw.</param>
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
    Tariff Tariff,
    ProviderKind Kind = ProviderKind.Isp,
    Offer? Offer = null,
    double BackhaulMbps = double.PositiveInfinity,
    double WholesaleDiscount = 0,
    int Owner = -1,
    double InitialShareStart = double.NaN,
    double FixedCost = 0,
    double EntryCost = 0,
    int ExitAfterMonths = 0,
    double OutageProbability = 0,
    double OutageHours = 0,
    bool OutageNetworkWide = false)
{
    /// <summary>True if the provider's network can fail (an ISP with a positive outage probability and duration).</summary>
    public bool CanFail => OwnsNetwork && OutageProbability > 0 && OutageHours > 0;

    /// <summary>The plan the provider sells (a plain access of its own network unless configured otherwise).</summary>
    public Offer Sells => Offer ?? Offer.PlainAccess(Index);

    /// <summary>True for an ISP, which owns an access network.</summary>
    public bool OwnsNetwork => Kind == ProviderKind.Isp;

    /// <summary>The network whose use the seller does not pay for: its own (ISP) or its owner's (product line); −1 for a VMPO.</summary>
    public int HomeNetwork => Kind switch
    {
        ProviderKind.Isp => Index,
        ProviderKind.ProductLine => Owner,
        _ => -1,
    };

    /// <summary>What a VMPO pays this ISP per subscriber per month when the ISP's retail fee is <paramref name="retailFee"/>.</summary>
    public double WholesalePrice(double retailFee) => (1 - WholesaleDiscount) * retailFee;
}
