using MarketSim.Market.PriceSetting;
using MarketSim.Market.Providers;

namespace MarketSim.Market.Tests;

public class PricingRuleTests
{
    [Fact]
    public void Fixed_pricing_never_moves()
    {
        var rule = new PricingRule.Fixed();
        Assert.Equal(17.5, rule.NextPrice(new PricingObservation(17.5, 3, 0.9, 0.2)));
    }

    [Fact]
    public void Markup_rule_reaches_the_logit_Bertrand_Nash_price_of_the_textbook_duopoly()
    {
        // Symmetric logit duopoly of DESIGN.md: quality a = 2, cost c = 1, outside a0 = 0, mu = 0.25.
        // Both firms best-respond to the share the exact logit demand gives at current prices.
        const double a = 2, c = 1, mu = 0.25;
        var rule = new PricingRule.Markup(Step: 0.5, MinPrice: 0, MaxPrice: 100);
        double[] price = [1.0, 3.0];
        for (var t = 0; t < 500; t++)
        {
            double e0 = Math.Exp((a - price[0]) / mu), e1 = Math.Exp((a - price[1]) / mu), outside = 1.0;
            double[] share = [e0 / (e0 + e1 + outside), e1 / (e0 + e1 + outside)];
            price = [rule.NextPrice(new(price[0], c, share[0], 1 / mu)), rule.NextPrice(new(price[1], c, share[1], 1 / mu))];
        }
        Assert.Equal(1.47293, price[0], 1e-5);
        Assert.Equal(1.47293, price[1], 1e-5);
    }

    [Fact]
    public void Joint_markup_rule_reaches_the_joint_profit_price_of_the_textbook_duopoly()
    {
        const double a = 2, c = 1, mu = 0.25;
        var rule = new PricingRule.JointMarkup(Step: 0.5, MinPrice: 0, MaxPrice: 100);
        var price = 1.0;
        for (var t = 0; t < 500; t++)
        {
            var e = Math.Exp((a - price) / mu);
            var served = 2 * e / (2 * e + 1);
            price = rule.NextPrice(new PricingObservation(price, c, served / 2, 1 / mu, served));
        }
        Assert.Equal(1.92498, price, 1e-5);
    }

    [Theory]
    [InlineData(0.99, 5.0)]
    [InlineData(0.0, 1.2)]
    public void Markup_rule_stays_within_its_bounds(double share, double expected)
    {
        var rule = new PricingRule.Markup(Step: 1, MinPrice: 1.2, MaxPrice: 5);
        Assert.Equal(expected, rule.NextPrice(new PricingObservation(3, 0, share, 10)), 12);
    }

    [Fact]
    public void A_stateless_rule_is_its_own_price_setter()
    {
        var rule = new PricingRule.Markup(Step: 0.3, MinPrice: 0, MaxPrice: 80);
        var setter = rule.CreateSetter(new PricingContext(TestMarkets.ThreeIsps(), Provider: 0, Seed: 1));
        var observation = new PricingObservation(20, 5, 0.3, 0.25, 0.8, Tick: 4, Profit: 4500, Population: 1000, Prices: [20.0, 18.0, 10.0]);
        Assert.Same(rule, setter);
        Assert.Equal(rule.NextPrice(new PricingObservation(20, 5, 0.3, 0.25, 0.8)), setter.NextPrice(observation));
    }
}
