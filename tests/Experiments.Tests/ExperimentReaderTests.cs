using MarketSim.Experiments.Config;

namespace MarketSim.Experiments.Tests;

public class ExperimentReaderTests
{
    [Fact]
    public void The_baseline_experiment_is_valid()
    {
        var config = ExperimentReader.Load(Repository.File("experiments/baseline.yaml"));
        Assert.Equal("baseline", config.Market.Name);
        Assert.Equal(3, config.Market.Providers.Count);
        Assert.Equal(0.12, config.Market.Providers[0].RttSeconds, 12);
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
    public void A_bad_value_names_file_line_key_value_and_what_is_accepted(string patch, string key, string value, string accepted)
    {
        string path = TestFiles.Write(Yaml.Patch(TestFiles.Baseline, patch));
        var error = Assert.Throws<ConfigException>(() => ExperimentReader.Load(path));
        Assert.Equal(key, error.Key);
        Assert.True(error.Line > 0, "the error names a line");
        Assert.Equal(Yaml.LineOf(File.ReadAllText(path), key.Split('.', '[').Last().TrimEnd(']')), error.Line);
        Assert.Contains(path, error.Message);
        Assert.Contains(value, error.Message);
        Assert.Contains(accepted, error.Message);
    }

    [Fact]
    public void Per_user_output_is_off_unless_asked_for()
    {
        Assert.False(ExperimentReader.Load(Repository.File("experiments/baseline.yaml")).PerUserOutput);
        string path = TestFiles.Write(Yaml.Patch(TestFiles.Baseline, "per_user_output: true"));
        Assert.True(ExperimentReader.Load(path).PerUserOutput);
    }

    [Fact]
    public void Malformed_yaml_names_the_line()
    {
        string path = TestFiles.Write("name: x\nticks: [1, 2\nseed: 3\n");
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
        string text = TestFiles.Baseline.Replace("initial_share: 0.4", "initial_share: 0.9");
        var error = Assert.Throws<ConfigException>(() => ExperimentReader.Load(TestFiles.Write(text)));
        Assert.Contains("add up to", error.Message);
    }

    [Fact]
    public void Duplicate_provider_names_are_rejected()
    {
        string text = TestFiles.Baseline.Replace("name: 3G-B", "name: 3G-A");
        var error = Assert.Throws<ConfigException>(() => ExperimentReader.Load(TestFiles.Write(text)));
        Assert.Equal("providers[1].name", error.Key);
    }
}
