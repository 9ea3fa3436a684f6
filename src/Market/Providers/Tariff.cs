namespace MarketSim.Market.Providers;

/// <summary>
/// One tariff model for every access contract: a monthly fee, a usage part and a performance part.
/// The monthly bill of one subscriber is
///   bill = fee × (1 − rebate × shortfall) + overage × max(0, usage − allowance),
///   shortfall = max(0, 1 − delivered / promised)   (0 when no rate is promised),
/// so a flat rate is rebate = 0 and no overage; a usage tariff sets allowance and overage; a performance tariff
/// refunds part of the fee in proportion to how far delivered throughput falls below the promised rate
/// (rebate = 1 with a high promise makes the fee proportional to delivered throughput). Bundles and wholesale
/// prices reuse the same terms.
/// </summary>
/// <param name="AllowanceGb">Traffic included per month, GB (infinity for none).</param>
/// <param name="OveragePerGb">Money per GB above the allowance.</param>
/// <param name="PromisedMbps">Rate the contract promises, Mbit/s (0: no promise).</param>
/// <param name="Rebate">Fraction of the fee refunded at zero delivered throughput, in [0, 1].</param>
public sealed record Tariff(double AllowanceGb, double OveragePerGb, double PromisedMbps, double Rebate)
{
    /// <summary>A flat monthly fee: no allowance, no performance terms.</summary>
    public static Tariff Flat { get; } = new(double.PositiveInfinity, 0, 0, 0);

    /// <summary>True when the bill depends on delivered throughput.</summary>
    public bool IsPerformanceDependent => Rebate > 0 && PromisedMbps > 0;

    /// <summary>The month's bill for a subscriber at <paramref name="fee"/> who got <paramref name="deliveredMbps"/>
    /// while active and sent <paramref name="usageGb"/> through this access.</summary>
    public double Bill(double fee, double deliveredMbps, double usageGb)
    {
        var shortfall = PromisedMbps > 0 ? Math.Max(0, 1 - deliveredMbps / PromisedMbps) : 0;
        var overage = double.IsPositiveInfinity(AllowanceGb) ? 0 : OveragePerGb * Math.Max(0, usageGb - AllowanceGb);
        return fee * (1 - Rebate * shortfall) + overage;
    }
}
