using MarketSim.Market.Dynamics;

namespace MarketSim.Market.Tests.Dynamics;

public class BassDiffusionTests
{
    /// <summary>Bass's own closed form for a market that starts with no adopters (DESIGN.md, Bass 1969).</summary>
    private static double BassFromZero(double p, double q, double t)
    {
        var e = Math.Exp(-(p + q) * t);
        return (1 - e) / (1 + q / p * e);
    }

    /// <summary>Classical fourth-order Runge-Kutta on dF/dt = (p + q F)(1 − F): a reference that does not use the closed form.</summary>
    private static double Integrated(double start, double p, double q, double months, int stepsPerMonth = 2000)
    {
        double f = start, h = 1.0 / stepsPerMonth;
        double Slope(double x) => (p + q * x) * (1 - x);
        for (var i = 0; i < months * stepsPerMonth; i++)
        {
            double k1 = Slope(f), k2 = Slope(f + h / 2 * k1), k3 = Slope(f + h / 2 * k2), k4 = Slope(f + h * k3);
            f += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
        }
        return f;
    }

    [Theory]
    [InlineData(0.01, 0.3)]
    [InlineData(0.03, 0.05)]
    [InlineData(0.002, 0.6)]
    public void Without_feedback_a_market_starting_at_zero_follows_Bass_closed_form(double p, double q)
    {
        var bass = new BassDiffusion(0, p, q);
        for (var t = 0; t <= 120; t += 3) Assert.Equal(BassFromZero(p, q, t), bass.ShareAt(t), 12);
    }

    [Theory]
    [InlineData(0.2, 0.02, 0.25)]
    [InlineData(0.05, 0.0, 0.4)]    // imitation only: a logistic curve
    [InlineData(0.35, 0.01, 0.0)]   // innovation only: exponential approach to 1
    public void Stepping_month_by_month_without_feedback_matches_the_integrated_equation(double start, double p, double q)
    {
        var bass = new BassDiffusion(start, p, q);
        var share = start;
        for (var month = 1; month <= 48; month++)
        {
            share = bass.Step(share);
            if (month % 12 != 0) continue;
            Assert.Equal(Integrated(start, p, q, month), share, 8);
            Assert.Equal(bass.ShareAt(month), share, 12);
        }
    }

    [Fact]
    public void A_month_of_doubled_imitation_moves_the_share_as_a_Bass_market_with_twice_the_imitation()
    {
        var bass = new BassDiffusion(0.1, 0.01, 0.2, ValueFeedback: 2);
        var factor = bass.ImitationFactor(0.5);   // a 50 % throughput advantage, feedback 2: imitation doubles
        Assert.Equal(2.0, factor, 12);
        Assert.Equal(Integrated(0.3, 0.01, 0.4, 1), bass.Step(0.3, factor), 8);
        Assert.True(bass.Step(0.3, factor) > bass.Step(0.3));
    }

    [Fact]
    public void Imitation_ignores_a_loss_and_shares_stay_between_the_start_and_one()
    {
        var bass = new BassDiffusion(0.4, 0.05, 0.5, ValueFeedback: 3);
        Assert.Equal(1.0, bass.ImitationFactor(-0.4));
        Assert.Equal(1.0, bass.ImitationFactor(double.NaN));
        Assert.Equal(1.0, new BassDiffusion(1, 0.05, 0.5).ShareAt(10));
        Assert.Equal(0.0, new BassDiffusion(0, 0, 0.5).ShareAt(10));
        for (var t = 0; t < 600; t += 7)
        {
            var share = bass.ShareAt(t);
            Assert.InRange(share, 0.4, 1.0);
            Assert.True(t == 0 || share >= bass.ShareAt(t - 7));
        }
    }
}

public class MptcpShareTests
{
    [Fact]
    public void The_population_follows_its_Bass_curve_when_one_is_set_and_its_straight_line_otherwise()
    {
        var line = TestMarkets.Users(mptcp: 0.2) with { MptcpShareGrowth = 0.01 };
        Assert.Equal(0.2 + 0.01 * 30, line.MptcpShareAt(30), 12);
        var bass = new BassDiffusion(0.2, 0.01, 0.3);
        var adopting = TestMarkets.Users(mptcp: 0.2) with { Adoption = bass };
        Assert.Equal(0.2, adopting.MptcpShareAt(0), 12);
        Assert.Equal(bass.ShareAt(30), adopting.MptcpShareAt(30), 12);
    }
}
