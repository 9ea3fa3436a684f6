using Akka.TestKit.Xunit2;
using MarketSim.Agents.Running;
using MarketSim.Market.Providers;

namespace MarketSim.Agents.Tests.Pricing;

/// <summary>Best-response and joint-profit pricing through the full agent market reach the prices the first-order
/// conditions give, for symmetric and asymmetric logit oligopolies of 2, 3 and 4 firms.</summary>
public class OligopolyPricingTests : TestKit
{
    private static readonly double[] Qualities = [2, 1.6, 1.3, 1.0];
    private static readonly double[] Costs = [1, 0.8, 0.9, 0.5];

    private static LogitOligopoly Oligopoly(int firms, bool symmetric)
        => new(symmetric ? Enumerable.Repeat(2.0, firms).ToArray() : Qualities[..firms],
            symmetric ? Enumerable.Repeat(1.0, firms).ToArray() : Costs[..firms], Alpha: 4);

    private double[][] PricesByTick(LogitOligopoly oligopoly, Func<int, PricingRule> rule)
    {
        var spec = oligopoly.Market(rule);
        var sink = new MemorySink();
        MarketRunner.RunAsync(Sys, spec, seed: 11, blockSize: 100, sink).GetAwaiter().GetResult();
        return sink.Rows.GroupBy(r => r.Tick).OrderBy(g => g.Key).Select(g => g.OrderBy(r => r.Provider).Select(r => r.Price).ToArray()).ToArray();
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(4, false)]
    public void Best_response_pricing_settles_on_the_Bertrand_Nash_prices(int firms, bool symmetric)
    {
        var oligopoly = Oligopoly(firms, symmetric);
        var expected = oligopoly.NashPrices();
        var prices = PricesByTick(oligopoly, _ => new PricingRule.BestResponse(Step: 0.5, MinPrice: 0, MaxPrice: 50));
        for (var j = 0; j < firms; j++) Assert.Equal(expected[j], prices[^1][j], 1e-4 * expected[j]);
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(4, false)]
    public void Joint_best_response_pricing_settles_on_the_joint_profit_prices(int firms, bool symmetric)
    {
        var oligopoly = Oligopoly(firms, symmetric);
        var expected = oligopoly.JointPrices();
        var prices = PricesByTick(oligopoly, _ => new PricingRule.JointBestResponse(Step: 0.5, MinPrice: 0, MaxPrice: 50));
        for (var j = 0; j < firms; j++)
        {
            Assert.Equal(expected[j], prices[^1][j], 1e-4 * expected[j]);
            // Settled, not alternating: the last months agree.
            Assert.Equal(prices[^1][j], prices[^4][j], 1e-4 * expected[j]);
        }
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(4, true)]
    public void The_nash_rule_prices_at_the_Bertrand_Nash_equilibrium_from_the_first_month(int firms, bool symmetric)
    {
        var oligopoly = Oligopoly(firms, symmetric);
        var expected = oligopoly.NashPrices();
        var prices = PricesByTick(oligopoly, _ => new PricingRule.Nash(MinPrice: 0, MaxPrice: 50));
        for (var j = 0; j < firms; j++) Assert.Equal(expected[j], prices[1][j], 1e-4 * expected[j]);
    }

    [Fact]
    public void The_textbook_duopoly_reference_is_the_one_in_the_design_brief()
    {
        var duopoly = Oligopoly(2, symmetric: true) with { Alpha = 4 };
        Assert.Equal(1.47293, duopoly.NashPrices()[0], 1e-5);
        Assert.Equal(1.92498, duopoly.JointPrices()[0], 1e-5);
    }
}
