namespace MarketSim.Market.Providers;

/// <summary>
/// One provider as configured: an ISP with an access network (<see cref="IspSpec"/>), a virtual multipath operator
/// (<see cref="VmpoSpec"/>) or an ISP's further plan (<see cref="ProductLineSpec"/>); a closed hierarchy, so what only
/// one kind has (a network, an owner) exists only on that kind. Money is per user per tick (a tick is one month).
/// </summary>
/// <param name="Id">The provider's position in the market (the order of the experiment file); also the tie-break order.</param>
/// <param name="Name">Unique name, used in output rows.</param>
/// <param name="Quality">Brand value in money per month added to the utility of holding this provider's plan.</param>
/// <param name="MarginalCost">Cost per subscriber per month.</param>
/// <param name="InitialPrice">Flat monthly fee at tick 0.</param>
/// <param name="InitialShare">Share of the users (inside coverage) who start with this provider's plan.</param>
/// <param name="Pricing">How the provider sets its fee each tick.</param>
/// <param name="Tariff">Usage and performance terms of the contract around the fee.</param>
public abstract record ProviderSpec(
    ProviderId Id,
    string Name,
    double Quality,
    double MarginalCost,
    double InitialPrice,
    double InitialShare,
    PricingRule Pricing,
    Tariff Tariff)
{
    /// <summary>Dense index 0..P-1 of <see cref="Id"/>, for arrays indexed by provider.</summary>
    public int Index => Id.Value;

    /// <summary>ISP, VMPO or product line (the derived type, as a value for tables and messages).</summary>
    public abstract ProviderKind Kind { get; }

    /// <summary>The plan the provider sells; null for a plain access of an ISP's own network.</summary>
    public Offer? Offer { get; init; }

    /// <summary>Where this provider's slice of the starting draw begins in [0, 1]: the sum of the initial shares of
    /// the providers listed before it in the experiment file, switched off or not, so that taking a provider out
    /// leaves every other user's starting plan unchanged (common random numbers). Null: right after the previous
    /// provider's slice.</summary>
    public double? InitialShareStart { get; init; }

    /// <summary>Money per month the provider pays whatever its subscribers (a network, a proxy, a VMPO platform);
    /// booked every month it is in the market.</summary>
    public double FixedCost { get; init; }

    /// <summary>One-off money paid at month 0 to enter the market; counts against its net present value.</summary>
    public double EntryCost { get; init; }

    /// <summary>Exit rule: the provider leaves the market once its monthly profit has been below zero this many
    /// months in a row (0: never leaves).</summary>
    public int ExitAfterMonths { get; init; }

    /// <summary>The plan the provider sells (a plain access of its own network unless configured otherwise).</summary>
    public Offer Sells => Offer ?? Offer.PlainAccess(Index);

    /// <summary>True for an ISP, which owns an access network.</summary>
    public bool OwnsNetwork => this is IspSpec;

    /// <summary>True if the provider's network can fail (an ISP with a positive outage probability and duration).</summary>
    public bool CanFail => this is IspSpec { OutageProbability: > 0, OutageHours: > 0 };

    /// <summary>The network whose use the seller does not pay for: its own (ISP) or its owner's (product line); null
    /// for a VMPO, which owns none. A dense index, as the accesses of <see cref="Sells"/> it is compared with.</summary>
    public int? HomeNetwork => this switch
    {
        IspSpec => Index,
        ProductLineSpec line => line.Owner.Value,
        _ => null,
    };
}
