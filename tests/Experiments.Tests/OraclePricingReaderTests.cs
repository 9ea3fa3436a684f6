using MarketSim.Experiments.Config;
using MarketSim.Market.Providers;
using MarketSim.Reports.Results;

namespace MarketSim.Experiments.Tests;

public class OraclePricingReaderTests
{
    private const string TwoFirms = """
        name: pricing
        ticks: 3
        users: { count: 100, price_sensitivity: 1, review_probability: 1 }
        providers:
          - { name: a, technology: 3g, cell_capacity_mbps: 40, peak_rate_mbps: 7.2, rtt_ms: 100, marginal_cost: 1, price: 2, initial_share: 0.3 PRICING_A }
          - { name: b, technology: 3g, cell_capacity_mbps: 40, peak_rate_mbps: 7.2, rtt_ms: 100, marginal_cost: 1, price: 2, initial_share: 0.3, pricing: { rule: fixed } }
        """;

    [Theory]
    [InlineData(", pricing: { rule: markup, step: 0.5 }", typeof(PricingRule.Markup))]
    [InlineData(", pricing: { rule: joint_markup }", typeof(PricingRule.JointMarkup))]
    [InlineData(", pricing: { rule: best_response }", typeof(PricingRule.BestResponse))]
    [InlineData(", pricing: { rule: joint_best_response, step: 0.5 }", typeof(PricingRule.JointBestResponse))]
    [InlineData(", pricing: { rule: nash, max_price: 9 }", typeof(PricingRule.Nash))]
    public void Every_pricing_rule_is_read_by_its_name(string pricing, Type expected)
    {
        var config = ExperimentReader.Load(TestFiles.Write(TwoFirms.Replace(" PRICING_A", pricing, StringComparison.Ordinal)));
        Assert.IsType(expected, config.Market.Providers[0].Pricing);
    }

    [Fact]
    public void A_market_level_nash_rule_prices_the_providers_without_a_rule_of_their_own()
    {
        var config = ExperimentReader.Load(TestFiles.Write("pricing: { rule: nash, max_price: 50 }\n" + TwoFirms.Replace(" PRICING_A", "", StringComparison.Ordinal)));
        Assert.Equal(new PricingRule.Nash(0, 50), config.Market.Providers[0].Pricing);
        Assert.IsType<PricingRule.Fixed>(config.Market.Providers[1].Pricing);
    }

    [Fact]
    public void A_market_level_nash_rule_with_fixed_providers_only_names_the_key_and_what_is_accepted()
    {
        var text = "pricing: { rule: nash }\n" + TwoFirms.Replace(" PRICING_A", ", pricing: { rule: fixed }", StringComparison.Ordinal);
        var error = Assert.Throws<ConfigException>(() => ExperimentReader.Load(TestFiles.Write(text)));
        Assert.Equal("pricing.rule", error.Key);
        Assert.Equal(1, error.Line);
        Assert.Contains("leaves no provider to price", error.Message);
        Assert.Contains("accepted:", error.Message);
    }
}
