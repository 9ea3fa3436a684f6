using MarketSim.Market.Pricing;
using MarketSim.Market.Providers;

namespace MarketSim.Market.PriceSetting;

/// <summary>
/// The price setter of the rules that use the demand oracle: asks the run's <see cref="OraclePricing"/> for this month's
/// target fee (best response, joint-profit or Nash) at the prices and throughput just observed, for the month the fee
/// will apply, and moves part of the way there.
/// </summary>
public sealed class OraclePriceSetter : IPriceSetter
{
    private readonly PricingRule rule;
    private readonly int provider;
    private readonly OraclePricing pricing;

    /// <summary>A setter for <paramref name="context"/>'s provider following <paramref name="rule"/>.</summary>
    public OraclePriceSetter(PricingRule rule, PricingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        this.rule = rule;
        provider = context.Provider;
        pricing = context.Oracle ?? new OraclePricing(context.Market, context.Seed);
    }

    /// <inheritdoc />
    public double NextPrice(in PricingObservation observation)
    {
        var prices = observation.Prices ?? throw new InvalidOperationException("oracle pricing needs every provider's price");
        var throughput = observation.Throughput ?? throw new InvalidOperationException("oracle pricing needs the month's throughput");
        var month = observation.Tick + 1; // the fee set now is what users weigh next month
        var (step, target) = rule switch
        {
            PricingRule.BestResponse r => (r.Step, pricing.BestResponse(provider, month, throughput, prices)[provider]),
            PricingRule.JointBestResponse r => (r.Step, pricing.JointBestResponse(month, throughput, prices)[provider]),
            PricingRule.Nash => (1.0, pricing.Nash(month, throughput, prices)[provider]),
            _ => throw new InvalidOperationException($"{rule.GetType().Name} does not price with the demand oracle"),
        };
        var (lower, upper) = OraclePricing.Bounds(rule);
        return Math.Clamp(observation.Price + step * (target - observation.Price), lower, upper);
    }
}
