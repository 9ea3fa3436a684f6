using MarketSim.Market.Choice;

namespace MarketSim.Market.Tests;

public class ChurnCalibrationTests
{
    [Theory]
    [InlineData(0.0, 1, 4.0, 0.5)]                 // no inertia, one rival: a coin toss
    [InlineData(0.0, 3, 4.0, 0.75)]                // no inertia: each of the 4 options equally likely
    [InlineData(8.788898309344878, 3, 4.0, 0.25)]  // I = 4 ln 9: e^{I/mu} = 9 against 3 rivals
    [InlineData(8.0, 2, 4.0, 0.21301396)]          // 2 / (e^2 + 2)
    public void Leave_probability_follows_the_closed_form(double inertia, double alternatives, double mu, double expected)
    {
        Assert.Equal(expected, ChurnCalibration.LeaveProbability(inertia, alternatives, mu), 8);
    }

    [Theory]
    [InlineData(3.0, 3, 4.0)]
    [InlineData(6.0, 5, 2.5)]
    [InlineData(0.5, 1, 0.25)]
    public void Leave_probability_is_what_the_logit_gives_the_other_alternatives(double inertia, int alternatives, double mu)
    {
        // The user's current portfolio has utility I, the K rivals 0: logit with alpha = 1 / mu.
        var utilities = new double[alternatives + 1];
        utilities[0] = inertia;
        var p = new double[utilities.Length];
        LogitChoice.Probabilities(utilities, 1 / mu, p);
        Assert.Equal(1 - p[0], ChurnCalibration.LeaveProbability(inertia, alternatives, mu), 12);
    }

    [Fact]
    public void A_huge_inertia_means_no_churn_without_overflow()
    {
        Assert.Equal(0.0, ChurnCalibration.LeaveProbability(1e6, 3, 4.0), 12);
    }

    [Fact]
    public void Monthly_churn_is_review_probability_times_leave_probability()
    {
        Assert.Equal(0.15 * 0.75, ChurnCalibration.MonthlyChurn(0.15, 0.0, 3, 4.0), 12);
    }

    [Theory]
    [InlineData(0.02, 0.05, 3, 4.0)]
    [InlineData(0.015, 0.15, 3, 4.0)]
    [InlineData(0.025, 1.0 / 24, 2.2, 4.0)]
    [InlineData(0.02, 0.05, 1, 1.0)]
    public void Inertia_for_a_target_gives_back_that_churn(double target, double review, double alternatives, double mu)
    {
        var inertia = ChurnCalibration.InertiaFor(target, review, alternatives, mu);
        Assert.True(inertia >= 0);
        Assert.Equal(target, ChurnCalibration.MonthlyChurn(review, inertia, alternatives, mu), 12);
    }

    [Fact]
    public void Inertia_for_two_percent_at_review_one_in_twenty_against_three_rivals_is_four_ln_four_and_a_half()
    {
        // q = 0.02 / 0.05 = 0.4: I = 4 ln(3 × 0.6 / 0.4) = 4 ln 4.5.
        Assert.Equal(4 * Math.Log(4.5), ChurnCalibration.InertiaFor(0.02, 0.05, 3, 4.0), 12);
    }

    [Theory]
    [InlineData(0.09, 0.15, 3.0, 4.0)]
    [InlineData(0.02, 0.05, 6.0, 4.0)]
    public void Effective_alternatives_explain_the_observed_churn(double churn, double review, double inertia, double mu)
    {
        var k = ChurnCalibration.EffectiveAlternatives(churn, review, inertia, mu);
        Assert.Equal(churn, ChurnCalibration.MonthlyChurn(review, inertia, k, mu), 12);
        Assert.Equal(inertia, ChurnCalibration.InertiaFor(churn, review, k, mu), 10);
    }

    [Theory]
    [InlineData(0.05, 0.05)]   // churn equal to the review probability: everyone who reviews would have to leave
    [InlineData(0.10, 0.05)]
    [InlineData(0.0, 0.05)]
    [InlineData(0.04, 0.05)]   // q = 0.8 > K / (K + 1) = 0.75: even zero inertia keeps more users
    public void Unreachable_targets_are_refused(double target, double review)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ChurnCalibration.InertiaFor(target, review, 3, 4.0));
    }

    [Fact]
    public void Bad_model_parameters_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ChurnCalibration.LeaveProbability(-1, 3, 4.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChurnCalibration.LeaveProbability(1, 0, 4.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChurnCalibration.LeaveProbability(1, 3, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChurnCalibration.MonthlyChurn(1.5, 1, 3, 4.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChurnCalibration.EffectiveAlternatives(0.2, 0.15, 3, 4.0));
    }
}
