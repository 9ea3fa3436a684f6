using MarketSim.Market.Learning;

namespace MarketSim.Market.Tests.Learning;

public class LogitDemandTests
{
    // Calvano et al. (2020) baseline and DESIGN.md: n = 2, a = 2, c = 1, a0 = 0, mu = 0.25.
    private static readonly LogitDemand Baseline = LogitDemand.Symmetric(2, quality: 2, cost: 1, outsideQuality: 0, mu: 0.25);

    [Fact]
    public void Baseline_duopoly_has_the_published_Bertrand_Nash_price_and_share()
    {
        var nash = Baseline.NashPrices();
        Assert.Equal(1.47293, nash[0], 1e-5);
        Assert.Equal(1.47293, nash[1], 1e-5);
        Assert.Equal(0.47138, Baseline.Share(nash, 0), 1e-5);
    }

    [Fact]
    public void Baseline_duopoly_has_the_published_joint_profit_price()
    {
        var monopoly = Baseline.MonopolyPrices();
        Assert.Equal(1.92498, monopoly[0], 1e-5);
        Assert.Equal(1.92498, monopoly[1], 1e-5);
        // The symmetric closed form p = c + mu / (1 - sum of shares).
        Span<double> shares = stackalloc double[2];
        Baseline.Shares(monopoly, shares);
        Assert.Equal(1 + 0.25 / (1 - shares[0] - shares[1]), monopoly[0], 1e-12);
    }

    [Theory]
    [InlineData(new[] { 2.0, 2.0 }, 0.0, 0.25, 1.5, 1.7)]
    [InlineData(new[] { 2.0, 1.0 }, 0.0, 0.25, 1.5, 1.7)]
    [InlineData(new[] { 1.0, -3.0, 0.5 }, 2.0, 0.1, 0.2, 2.5)]
    [InlineData(new[] { 400.0, 390.0 }, 0.0, 1.0, 399.0, 395.0)]
    public void Shares_follow_the_logit_formula_even_for_large_utilities(double[] quality, double outside, double mu, double p0, double p1)
    {
        var demand = new LogitDemand(quality, new double[quality.Length], outside, mu);
        var prices = quality.Select((_, j) => j == 0 ? p0 : p1).ToArray();
        var shares = new double[quality.Length];
        demand.Shares(prices, shares);
        // Direct formula, written relative to the outside good to stay in range.
        var relative = quality.Select((a, j) => Math.Exp((a - prices[j] - outside) / mu)).ToArray();
        var denominator = relative.Sum() + 1;
        for (var j = 0; j < quality.Length; j++) Assert.Equal(relative[j] / denominator, shares[j], 1e-12);
        Assert.True(shares.Sum() < 1);
    }

    public static TheoryData<double[], double[], double, double> Markets => new()
    {
        { [2.0, 2.0], [1.0, 1.0], 0.0, 0.25 },
        { [2.0, 2.0, 2.0], [1.0, 1.0, 1.0], 0.0, 0.25 },
        { [2.0, 1.5], [1.0, 0.8], 0.5, 0.5 },
        { [3.0, 2.0, 1.0], [1.0, 1.2, 0.1], -1.0, 0.1 },
        { [20.0, 19.0], [5.0, 4.0], 0.0, 1.0 },
    };

    [Theory]
    [MemberData(nameof(Markets))]
    public void Nash_prices_meet_every_first_order_condition_and_no_firm_gains_by_deviating(double[] quality, double[] cost, double outside, double mu)
    {
        var demand = new LogitDemand(quality, cost, outside, mu);
        var nash = demand.NashPrices();
        var shares = new double[quality.Length];
        demand.Shares(nash, shares);
        for (var i = 0; i < quality.Length; i++)
        {
            Assert.Equal(cost[i] + mu / (1 - shares[i]), nash[i], 1e-10);
            var atNash = demand.ProfitsAt(nash)[i];
            foreach (var step in new[] { -1e-2, -1e-4, 1e-4, 1e-2 })
            {
                var deviation = (double[])nash.Clone();
                deviation[i] += step;
                Assert.True(demand.ProfitsAt(deviation)[i] < atNash, $"firm {i} gains by moving its price by {step}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Markets))]
    public void Monopoly_prices_share_one_markup_and_maximise_joint_profit(double[] quality, double[] cost, double outside, double mu)
    {
        var demand = new LogitDemand(quality, cost, outside, mu);
        var monopoly = demand.MonopolyPrices();
        var shares = new double[quality.Length];
        demand.Shares(monopoly, shares);
        var markup = mu / (1 - shares.Sum());
        for (var i = 0; i < quality.Length; i++) Assert.Equal(cost[i] + markup, monopoly[i], 1e-10);
        var joint = demand.ProfitsAt(monopoly).Sum();
        for (var i = 0; i < quality.Length; i++)
        {
            foreach (var step in new[] { -1e-2, -1e-4, 1e-4, 1e-2 })
            {
                var deviation = (double[])monopoly.Clone();
                deviation[i] += step;
                Assert.True(demand.ProfitsAt(deviation).Sum() < joint, $"moving price {i} by {step} raises joint profit");
            }
        }
        // A common shift of all prices does not raise joint profit either.
        Assert.True(demand.ProfitsAt(monopoly.Select(p => p + 1e-3).ToArray()).Sum() < joint);
        Assert.True(demand.ProfitsAt(monopoly.Select(p => p - 1e-3).ToArray()).Sum() < joint);
    }

    [Theory]
    [MemberData(nameof(Markets))]
    public void Colluding_is_more_profitable_than_competing(double[] quality, double[] cost, double outside, double mu)
    {
        var demand = new LogitDemand(quality, cost, outside, mu);
        Assert.True(demand.ProfitsAt(demand.MonopolyPrices()).Sum() > demand.ProfitsAt(demand.NashPrices()).Sum());
    }

    [Theory]
    [InlineData(-650.0)]
    [InlineData(-50.0)]
    [InlineData(-1.0)]
    [InlineData(0.0)]
    [InlineData(0.7)]
    [InlineData(1.0)]
    [InlineData(3.0)]
    [InlineData(1e6)]
    public void Wright_omega_solves_w_plus_log_w_equals_z(double z)
    {
        var w = LogitDemand.WrightOmega(z);
        Assert.True(w > 0);
        Assert.Equal(z, w + Math.Log(w), Math.Max(1e-12, Math.Abs(z) * 1e-15));
    }

    [Fact]
    public void Omega_of_one_is_one()
    {
        Assert.Equal(1.0, LogitDemand.WrightOmega(1.0), 1e-15);
    }
}
