using MarketSim.Market.Providers;

namespace MarketSim.Market.PriceSetting;

/// <summary>
/// Turns a <see cref="PricingRule"/> (the description written in the experiment) into the <see cref="IPriceSetter"/>
/// a provider owns for one run. It lives apart from the rules because the learning and oracle setters depend on the
/// providers' types: with the factory inside <see cref="PricingRule"/>, Providers and Learning (and Pricing) would
/// depend on each other.
/// </summary>
public static class PriceSetters
{
    /// <summary>A fresh price setter for one provider in one run; a stateless rule is its own setter.</summary>
    /// <param name="rule">The provider's rule.</param>
    /// <param name="context">The market, the provider and the run's seed (and demand oracle for the oracle rules).</param>
    public static IPriceSetter CreateSetter(this PricingRule rule, PricingContext context)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule switch
        {
            PricingRule.Stateless stateless => stateless,
            PricingRule.BestResponse or PricingRule.JointBestResponse or PricingRule.Nash => new OraclePriceSetter(rule, context),
            PricingRule.QLearning learning => new QLearningPriceSetter(learning, context),
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "no price setter for this rule"),
        };
    }
}
