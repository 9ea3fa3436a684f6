using MarketSim.Reports;

namespace MarketSim.Experiments.Tests.Reports;

public class StakeholderTableTests
{
    private static StakeholderVerdict V(string who, double mean, double halfWidth)
        => new(who, new RunStatistic(new Series(Metric.Npv, who), Reduction.Final), new ConfidenceInterval(mean, halfWidth, 4));

    [Theory]
    [InlineData(2.0, 1.0, Outcome.Gains)]
    [InlineData(-2.0, 1.0, Outcome.Loses)]
    [InlineData(0.5, 1.0, Outcome.NoClearChange)]
    [InlineData(-0.5, 1.0, Outcome.NoClearChange)]
    public void A_stakeholder_gains_or_loses_only_when_its_interval_excludes_zero(double mean, double halfWidth, Outcome expected)
        => Assert.Equal(expected, V("A", mean, halfWidth).Outcome);

    [Fact]
    public void One_replication_says_nothing_clear()
        => Assert.Equal(Outcome.NoClearChange, new StakeholderVerdict("A", default, new ConfidenceInterval(5, double.NaN, 1)).Outcome);

    [Fact]
    public void When_everyone_gains_the_business_case_is_positive_for_every_stakeholder()
        => Assert.Equal("Positive for every stakeholder.",
            StakeholderTable.VerdictLine([V("3G-A", 3, 1), V("WLAN", 1, 0.5), V(StakeholderTable.Users, 0.2, 0.1), V(StakeholderTable.Market, 0.3, 0.1)]));

    [Fact]
    public void A_rebate_that_only_moves_money_from_providers_to_users_is_called_so()
    {
        var line = StakeholderTable.VerdictLine([V("3G-A", -300, 20), V("3G-B", -200, 30), V("WLAN", 0.1, 5), V(StakeholderTable.Users, 1.7, 0.03), V(StakeholderTable.Market, -0.9, 0.1)]);
        Assert.Equal("Not positive for every stakeholder. loses: 3G-A, 3G-B, market; gains: users; no clear change: WLAN. "
            + "Users gain less than providers lose: the policy moves money from providers to users and welfare falls.", line);
    }

    [Fact]
    public void A_pure_transfer_with_welfare_unchanged_is_called_so()
    {
        var line = StakeholderTable.VerdictLine([V("3G-A", -300, 20), V(StakeholderTable.Users, 1.7, 0.03), V(StakeholderTable.Market, 0.01, 0.1)]);
        Assert.EndsWith("The policy moves money from providers to users: welfare does not rise.", line);
    }
}
