using MarketSim.Experiments.Config;
using MarketSim.Market.Providers;
using MarketSim.Reports.Results;

namespace MarketSim.Experiments.Tests;

public class ExperimentReaderTests
{
    [Fact]
    public void The_baseline_experiment_is_valid()
    {
        var config = ExperimentReader.Load(Repository.File("experiments/baseline.yaml"));
        Assert.Equal("baseline", config.Market.Name);
        Assert.Equal(3, config.Market.Providers.Count);
        Assert.Equal(0.12, Assert.IsType<IspSpec>(config.Market.Providers[0]).RttSeconds, 12);
        Assert.Contains("name: baseline", config.SourceText);
    }

    [Theory]
    [InlineData("providers:\n  - name: A\n    technology: 3g\n    cell_capacity_mbps: -5", "providers[0].cell_capacity_mbps", "-5", "in [0.001, 10000000]")]
    [InlineData("users:\n  mptcp_share: 1.5", "users.mptcp_share", "1.5", "[0, 1]")]
    [InlineData("colour: blue", "colour", "unknown key", "ticks")]
    [InlineData("users:\n  cuont: 10", "users.cuont", "unknown key", "count")]
    [InlineData("providers:\n  - name: A\n    technology: 5g", "providers[0].technology", "5g", "3g, wlan")]
    [InlineData("ticks: many", "ticks", "many", "whole number")]
    [InlineData("per_user_output: yes", "per_user_output", "yes", "accepted: true, false")]
    [InlineData("discount_rate: -0.1", "discount_rate", "-0.1", "[0, 1)")]
    [InlineData("welfare_surplus: both", "welfare_surplus", "both", "realised, option_value")]
    public void A_bad_value_names_file_line_key_value_and_what_is_accepted(string patch, string key, string value, string accepted)
    {
        var path = TestFiles.Write(Yaml.Patch(TestFiles.Baseline, patch));
        var error = Assert.Throws<ConfigException>(() => ExperimentReader.Load(path));
        Assert.Equal(key, error.Key);
        Assert.True(error.Line > 0, "the error names a line");
        Assert.Equal(Yaml.LineOf(File.ReadAllText(path), key.Split('.', '[').Last().TrimEnd(']')), error.Line);
        Assert.Contains(path, error.Message);
        Assert.Contains(value, error.Message);
        Assert.Contains(accepted, error.Message);
    }

    // Lines added to the first provider of the baseline, just before its marginal cost.
    private static string WithFirstProvider(string lines)
        => TestFiles.Baseline.Replace("    marginal_cost: 6.0         #", lines + "\n    marginal_cost: 6.0         #", StringComparison.Ordinal);

    [Theory]
    [InlineData("    fixed_cost: -3", "providers[0].fixed_cost", "-3", "in [0, 1000000000000]")]
    [InlineData("    entry_cost: -1", "providers[0].entry_cost", "-1", "in [0, 1000000000000]")]
    [InlineData("    exit_rule: negative_profit\n    exit_after_months: 0", "providers[0].exit_after_months", "0", "[1, 100000]")]
    [InlineData("    exit_rule: negative_profit", "providers[0].exit_after_months", "needs a horizon", "[1, 100000]")]
    [InlineData("    exit_rule: sometimes", "providers[0].exit_rule", "sometimes", "none, negative_profit")]
    public void A_bad_cost_or_exit_rule_names_the_provider_key_value_and_range(string lines, string key, string value, string accepted)
    {
        var path = TestFiles.Write(WithFirstProvider(lines));
        var error = Assert.Throws<ConfigException>(() => ExperimentReader.Load(path));
        Assert.Equal(key, error.Key);
        Assert.True(error.Line > 0, "the error names a line");
        Assert.Contains(value, error.Message);
        Assert.Contains(accepted, error.Message);
    }

    [Fact]
    public void Fixed_and_entry_costs_discount_rate_and_exit_rule_are_read()
    {
        var path = TestFiles.Write(Yaml.Patch(WithFirstProvider("    fixed_cost: 1500\n    entry_cost: 20000\n    exit_rule: negative_profit\n    exit_after_months: 6"),
            "discount_rate: 0.08"));
        var market = ExperimentReader.Load(path).Market;
        Assert.Equal(0.08, market.DiscountRate);
        Assert.Equal(Market.SurplusMeasure.Realised, market.WelfareSurplus);
        Assert.Equal((1500.0, 20000.0, 6), (market.Providers[0].FixedCost, market.Providers[0].EntryCost, market.Providers[0].ExitAfterMonths));
        Assert.Equal((0.0, 0.0, 0), (market.Providers[1].FixedCost, market.Providers[1].EntryCost, market.Providers[1].ExitAfterMonths));
    }

    [Fact]
    public void Per_user_output_is_off_unless_asked_for()
    {
        Assert.False(ExperimentReader.Load(Repository.File("experiments/baseline.yaml")).PerUserOutput);
        var path = TestFiles.Write(Yaml.Patch(TestFiles.Baseline, "per_user_output: true"));
        Assert.True(ExperimentReader.Load(path).PerUserOutput);
    }

    [Fact]
    public void Malformed_yaml_names_the_line()
    {
        var path = TestFiles.Write("name: x\nticks: [1, 2\nseed: 3\n");
        var error = Assert.Throws<ConfigException>(() => ExperimentReader.Load(path));
        Assert.Contains("malformed YAML", error.Message);
        Assert.True(error.Line > 0);
    }

    [Fact]
    public void A_missing_file_is_reported_as_such()
    {
        var error = Assert.Throws<ConfigException>(() => ExperimentReader.Load("/nonexistent/exp.yaml"));
        Assert.Contains("/nonexistent/exp.yaml: file not found", error.Message);
    }

    [Fact]
    public void Initial_shares_adding_up_to_more_than_one_are_rejected()
    {
        var text = TestFiles.Baseline.Replace("initial_share: 0.4", "initial_share: 0.9");
        var error = Assert.Throws<ConfigException>(() => ExperimentReader.Load(TestFiles.Write(text)));
        Assert.Contains("add up to", error.Message);
    }

    [Fact]
    public void Duplicate_provider_names_are_rejected()
    {
        var text = TestFiles.Baseline.Replace("name: 3G-B", "name: 3G-A");
        var error = Assert.Throws<ConfigException>(() => ExperimentReader.Load(TestFiles.Write(text)));
        Assert.Equal("providers[1].name", error.Key);
    }
}
