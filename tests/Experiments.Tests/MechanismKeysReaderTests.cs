using MarketSim.Experiments.Config;
using MarketSim.Market.Providers;

namespace MarketSim.Experiments.Tests;

/// <summary>The keys of the market's dynamics (Bass adoption, outages): read when set, off when absent, and every bad value
/// named with its file, line, key and accepted range.</summary>
public class MechanismKeysReaderTests
{
    private static string WithFirstProvider(string lines)
        => TestFiles.Baseline.Replace("    marginal_cost: 6.0         #", lines + "\n    marginal_cost: 6.0         #", StringComparison.Ordinal);

    private static string WithUsers(string lines) => KeyReader.WithUsers(lines);

    [Fact]
    public void Without_the_new_keys_nothing_fails_and_nobody_adopts_by_Bass()
    {
        var market = ExperimentReader.Load(Repository.File("experiments/baseline.yaml")).Market;
        Assert.Null(market.Population.Adoption);
        Assert.Equal(0, market.Population.DowntimeCost);
        Assert.All(market.Providers, p => Assert.False(p.CanFail));
    }

    [Fact]
    public void Bass_adoption_and_outages_are_read()
    {
        var text = WithFirstProvider("    outage_probability: 0.05\n    outage_hours: 12\n    outage_scope: network");
        text = text.Replace("  activity: 0.2                #", "  downtime_cost: 0.4\n  mptcp_adoption:\n    innovation: 0.01\n    imitation: 0.2\n  activity: 0.2                #",
            StringComparison.Ordinal);
        var market = ExperimentReader.Load(TestFiles.Write(text)).Market;
        Assert.Equal(new Market.Dynamics.BassDiffusion(0.35, 0.01, 0.2), market.Population.Adoption);
        Assert.Equal(0.4, market.Population.DowntimeCost);
        var failing = Assert.IsType<IspSpec>(market.Providers[0]);
        Assert.Equal((0.05, 12.0, true), (failing.OutageProbability, failing.OutageHours, failing.OutageNetworkWide));
        Assert.True(market.Providers[0].CanFail);
        Assert.False(market.Providers[1].CanFail);
    }

    [Fact]
    public void Information_channels_are_read_and_off_without_their_section()
    {
        Assert.Null(ExperimentReader.Load(Repository.File("experiments/baseline.yaml")).Market.Population.Information);
        var text = WithUsers("  information:\n    crowd_half_users: 40\n    contact_rate: 0.5\n    decay: 0.05");
        Assert.Equal(new Market.Dynamics.InformationSpec(40, 0.5, 0.05), ExperimentReader.Load(TestFiles.Write(text)).Market.Population.Information);
    }

    [Theory]
    [InlineData("    outage_probability: 1.5\n    outage_hours: 4", "providers[0].outage_probability", "1.5", "[0, 1]")]
    [InlineData("    outage_probability: 0.1\n    outage_hours: 800", "providers[0].outage_hours", "800", "[0, 730]")]
    [InlineData("    outage_probability: 0.1", "providers[0].outage_hours", "needs a duration", "[0, 730]")]
    [InlineData("    outage_scope: planet", "providers[0].outage_scope", "planet", "cell, network")]
    public void A_bad_outage_key_names_the_provider_key_value_and_range(string lines, string key, string value, string accepted)
        => AssertRejected(WithFirstProvider(lines), key, value, accepted);

    [Theory]
    [InlineData("  downtime_cost: -1", "users.downtime_cost", "-1", "[0, 1000000]")]
    [InlineData("  mptcp_adoption:\n    innovation: 2\n    imitation: 0.2", "users.mptcp_adoption.innovation", "2", "[0, 1]")]
    [InlineData("  mptcp_adoption:\n    innovation: 0.01", "users.mptcp_adoption.imitation", "missing required key", "users.mptcp_adoption.imitation")]
    [InlineData("  mptcp_adoption:\n    model: logistic\n    innovation: 0.01\n    imitation: 0.2", "users.mptcp_adoption.model", "logistic", "bass")]
    [InlineData("  mptcp_share_growth: 0.01\n  mptcp_adoption:\n    innovation: 0.01\n    imitation: 0.2", "users.mptcp_share_growth", "0.01", "not both")]
    [InlineData("  mptcp_adoption:\n    innovation: 0.01\n    imitation: 0.2\n    value_feedback: 101", "users.mptcp_adoption.value_feedback", "101", "[0, 100]")]
    [InlineData("  information:\n    contact_rate: 101", "users.information.contact_rate", "101", "[0, 100]")]
    [InlineData("  information:\n    decay: 1.5", "users.information.decay", "1.5", "[0, 1]")]
    [InlineData("  information:\n    crowd_half_users: -2", "users.information.crowd_half_users", "-2", "[0, 100000000]")]
    [InlineData("  information:\n    rumour_rate: 2", "users.information.rumour_rate", "unknown key", "contact_rate")]
    public void A_bad_adoption_or_downtime_key_names_the_key_value_and_range(string lines, string key, string value, string accepted)
        => AssertRejected(WithUsers(lines), key, value, accepted);

    private static void AssertRejected(string text, string key, string value, string accepted)
        => KeyReader.AssertRejected(text, key, value, accepted);
}
