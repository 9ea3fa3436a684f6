using Akka.TestKit.Xunit2;
using MarketSim.Agents.Running;
using MarketSim.Market;
using MarketSim.Market.Providers;
using MarketSim.TestSupport;
using Xunit.Abstractions;

namespace MarketSim.Agents.Tests.Pricing;

/// <summary>
/// In a static market with heterogeneous users (price sensitivity and throughput valuation vary) and a performance rebate,
/// the best-response fee is the fee that maximises the provider's own simulated profit, found by running the market
/// with fixed fees one by one (common random numbers, so neighbouring fees differ only by who switches).
/// </summary>
public class BruteForceBestResponseTests(ITestOutputHelper output) : TestKit
{
    private const int Users = 6000, Ticks = 6;

    private static MarketSpec Market(PricingRule firstFirm, double firstFee) => MarketBuilder.Of("brute-force",
            // Promises 12 Mbit/s, delivers its 8 Mbit/s peak rate: a third short, so a rebate of 0.6 refunds 20 % of the fee.
            ProviderBuilder.LogitFirm(0, quality: 1, cost: 4).Named("rebate").PeakRate(8).Advertised(8).Fee(firstFee).Share(0.3)
                .Pricing(firstFirm).Tariff(new Tariff(double.PositiveInfinity, 0, PromisedMbps: 12, Rebate: 0.6)),
            ProviderBuilder.LogitFirm(1, quality: 0, cost: 3).Named("rival").PeakRate(5).Advertised(5).Fee(14).Share(0.3))
        .Ticks(Ticks).Locations(2).Multihoming(false)
        .Users(PopulationBuilder.PriceOnly(Users, alpha: 0.3).PriceSensitivity(0.3, spread: 0.6).ThroughputValue(6, spread: 0.6).PublicInformation(1))
        .Build();

    private IReadOnlyList<Market.Accounting.ProviderTick> Run(MarketSpec spec)
    {
        var sink = new MemorySink();
        MarketRunner.RunAsync(Sys, spec, seed: 5, blockSize: 2000, sink).GetAwaiter().GetResult();
        return sink.Rows;
    }

    [Fact]
    public void The_best_response_fee_is_within_one_percent_of_the_fee_that_maximises_simulated_profit()
    {
        var settled = Run(Market(new PricingRule.BestResponse(Step: 1, MinPrice: 0, MaxPrice: 100), 15)).Last(r => r.Provider == 0).Price;
        var markup = Run(Market(new PricingRule.Markup(Step: 1, MinPrice: 0, MaxPrice: 100), 15)).Last(r => r.Provider == 0).Price;

        // Brute force: every fee of a grid from 90 % to 110 % of the settled fee in steps of 0.5 %, run with that fee fixed;
        // profit averaged over the months after the first (month 0 is the starting market).
        var grid = Enumerable.Range(-20, 41).Select(m => settled * (1 + 0.005 * m)).ToArray();
        var profit = grid.Select(fee => Run(Market(new PricingRule.Fixed(), fee)).Where(r => r.Provider == 0 && r.Tick >= 1).Average(r => r.Profit)).ToArray();
        var best = grid[Array.IndexOf(profit, profit.Max())];
        output.WriteLine($"best_response {settled:F4}, markup {markup:F4}, grid argmax {best:F4}");

        Assert.InRange(best, grid[1], grid[^2]); // an interior maximum, not the grid's edge
        Assert.InRange(settled, best * 0.99, best * 1.01);
        // The old markup rule misses it: it prices the posted fee as the bill and averages alpha.
        Assert.False(Math.Abs(markup - best) < 0.03 * best, $"markup {markup} is unexpectedly close to {best}");
    }
}
