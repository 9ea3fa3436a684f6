using MarketSim.Experiments.Config;
using MarketSim.Market.Learning;
using MarketSim.Market.Providers;
using MarketSim.Reports.Results;

namespace MarketSim.Experiments.Tests;

/// <summary>The q_learning pricing rule of experiment files: keys, defaults and errors.</summary>
public class QLearningPricingReaderTests
{
    private const string Pricing = "{ rule: q_learning, min_price: 1.4, max_price: 2.0, beta: 1e-3 }";

    /// <summary>A two-firm market whose first firm prices with <paramref name="first"/>, the second with <paramref name="second"/>.</summary>
    private static string Market(string first, string second = Pricing, int extraProviders = 0)
    {
        string Firm(int i, string pricing) =>
            $"  - {{ name: f{i}, technology: 3g, cell_capacity_mbps: 1000, peak_rate_mbps: 10, rtt_ms: 100, price: 1.5,\n      pricing: {pricing} }}\n";
        var text = "name: q\nticks: 5\nusers:\n  count: 100\n  price_sensitivity: 4\n  review_probability: 1\nproviders:\n" + Firm(0, first) + Firm(1, second);
        for (var i = 0; i < extraProviders; i++) text += Firm(2 + i, "{ rule: fixed }");
        return text;
    }

    [Fact]
    public void A_q_learning_rule_reads_its_grid_and_learning_parameters_with_Calvanos_defaults()
    {
        var config = ExperimentReader.Load(TestFiles.Write(Market(Pricing,
            "{ rule: q_learning, min_price: 1, max_price: 2, prices: 5, alpha: 0.3, delta: 0.9, beta: 2.5e-4, initial_q: -0.5 }")));
        var first = Assert.IsType<PricingRule.QLearning>(config.Market.Providers[0].Pricing);
        Assert.Equal(new PricingRule.QLearning(1.4, 2.0, 15, new QLearningParameters(0.15, 0.95, 1e-3), new InitialQ.Logit()), first);
        var second = Assert.IsType<PricingRule.QLearning>(config.Market.Providers[1].Pricing);
        Assert.Equal(new PricingRule.QLearning(1, 2, 5, new QLearningParameters(0.3, 0.9, 2.5e-4), new InitialQ.Constant(-0.5)), second);
    }

    [Fact]
    public void The_validation_experiment_is_valid()
    {
        var config = ExperimentReader.Load(Repository.File("experiments/validation/q-learning-market.yaml"));
        Assert.All(config.Market.Providers, p => Assert.IsType<PricingRule.QLearning>(p.Pricing));
    }

    [Theory]
    [InlineData("{ rule: q_learning, max_price: 2.0, beta: 1e-3 }", "min_price", "missing required key", "min_price")]
    [InlineData("{ rule: q_learning, min_price: 2.0, max_price: 2.0, beta: 1e-3 }", "min_price", "2", "min_price < max_price")]
    [InlineData("{ rule: q_learning, min_price: 1.4, max_price: 2.0 }", "beta", "missing required key", "beta")]
    [InlineData("{ rule: q_learning, min_price: 1.4, max_price: 2.0, beta: -1 }", "beta", "-1", "in [0, 1000]")]
    [InlineData("{ rule: q_learning, min_price: 1.4, max_price: 2.0, beta: 1e-3, alpha: 0 }", "alpha", "0", "(0, 1]")]
    [InlineData("{ rule: q_learning, min_price: 1.4, max_price: 2.0, beta: 1e-3, delta: 1 }", "delta", "1", "[0, 1)")]
    [InlineData("{ rule: q_learning, min_price: 1.4, max_price: 2.0, beta: 1e-3, prices: 1 }", "prices", "1", "[2, 1000]")]
    [InlineData("{ rule: q_learning, min_price: 1.4, max_price: 2.0, beta: 1e-3, initial_q: calvano }", "initial_q", "calvano", "logit")]
    [InlineData("{ rule: q_learning, min_price: 1.4, max_price: 2.0, beta: 1e-3, step: 0.5 }", "step", "unknown key", "beta")]
    [InlineData("{ rule: qlearning }", "rule", "qlearning", "q_learning")]
    public void A_bad_q_learning_key_names_file_line_key_value_and_what_is_accepted(string pricing, string key, string value, string accepted)
    {
        var path = TestFiles.Write(Market(pricing));
        var error = Assert.Throws<ConfigException>(() => ExperimentReader.Load(path));
        Assert.Equal($"providers[0].pricing.{key}", error.Key);
        Assert.Equal(6 + 3, error.Line); // the first provider's pricing line
        Assert.Contains(path, error.Message);
        Assert.Contains(value, error.Message);
        Assert.Contains(accepted, error.Message);
    }

    [Fact]
    public void A_state_space_too_large_for_a_Q_table_is_refused_when_the_file_is_read()
    {
        // 40 prices and 4 providers: 2,560,000 states of every provider's last price, above 2^20.
        var path = TestFiles.Write(Market("{ rule: q_learning, min_price: 1.4, max_price: 2.0, beta: 1e-3, prices: 40 }", extraProviders: 2));
        var error = Assert.Throws<ConfigException>(() => ExperimentReader.Load(path));
        Assert.Equal("providers[0].pricing.prices", error.Key);
        Assert.Contains("40", error.Message);
        Assert.Contains("prices^providers <= 1048576", error.Message);
    }
}
