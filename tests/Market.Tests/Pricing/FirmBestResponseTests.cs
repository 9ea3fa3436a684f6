using MarketSim.Market.Pricing;
using MarketSim.Market.Providers;
using static MarketSim.Market.Tests.Pricing.OracleMarkets;

namespace MarketSim.Market.Tests.Pricing;

/// <summary>
/// What a firm's best response maximises, checked against brute-force grids of fixed fees evaluated here in one batch:
/// an ISP prices its own plan and a product line it owns jointly (their summed profit), and an ISP counts the wholesale
/// margin it earns on a VMPO's lines it carries. Heterogeneous users (price sensitivity and valuation vary, inertia and
/// switching costs), so demand is the long-run demand of the review chain, not a textbook formula.
/// </summary>
public class FirmBestResponseTests
{
    private static readonly PricingRule Responds = new PricingRule.BestResponse(Step: 1, MinPrice: 0, MaxPrice: 100);

    private static PopulationSpec Mixed() => Users(1500, alpha: 1.0, inertia: 0.3, switching: 0.2, alphaSpread: 0.4, value: 0.5, valueSpread: 0.4);

    /// <summary>Fees from (1 − width) to (1 + width) times <paramref name="centre"/> in <paramref name="points"/> steps.</summary>
    private static double[] Grid(double centre, double width, int points)
        => Enumerable.Range(0, points).Select(m => centre * (1 - width + 2 * width * m / (points - 1))).ToArray();

    [Fact]
    public void An_isp_prices_its_plan_and_its_product_line_at_the_maximum_of_their_summed_profit()
    {
        var line = PlanMarkets.ProductLine(2, "premium", owner: 0, new Offer([0], OfferRouting.Terminal, 0, 0), cost: 1.3)
            with { Quality = 1.6, InitialPrice = 3.5, Pricing = Responds };
        var market = LogitMarket([Firm(0, quality: 1, cost: 1, price: 3, Responds), Firm(1, quality: 0.8, cost: 0.8, price: 2.5), line], Mixed());
        var pricing = new OraclePricing(market, 3);
        var throughput = Flat(pricing.Oracle.Structure, 10);
        double[] start = [3, 2.5, 3.5];
        var response = pricing.BestResponse(0, 1, throughput, start);
        Assert.Equal(2.5, response[1]); // the rival's fee is held

        // Brute force: a 41 x 41 grid of the two fees, ±10 % around the response, steps of 0.5 %.
        var plan = Grid(response[0], 0.1, 41);
        var premium = Grid(response[2], 0.1, 41);
        var candidates = plan.SelectMany(a => premium.Select(l => (IReadOnlyList<double>)new[] { a, 2.5, l })).ToList();
        candidates.Add(response);
        var outcomes = pricing.Oracle.Evaluate(1, throughput, candidates);
        var firmProfit = outcomes.Select(o => o[0].Profit + o[2].Profit).ToArray();
        var best = Array.IndexOf(firmProfit, firmProfit[..^1].Max());
        Assert.InRange(best / 41, 1, 39); // an interior maximum of the grid
        Assert.InRange(best % 41, 1, 39);
        Assert.True(firmProfit[^1] >= firmProfit[best] - 1e-9 * Math.Abs(firmProfit[best]), $"{firmProfit[^1]} < grid {firmProfit[best]}");
        Assert.Equal(candidates[best][0], response[0], 0.005 * response[0]);
        Assert.Equal(candidates[best][2], response[2], 0.005 * response[2]);

        // Pricing the line for its own profit alone (the owner's plan held at the response) gives another fee: the joint
        // response counts the customers the line takes from its owner.
        var alone = Grid(response[2], 0.5, 201).Select(l => (IReadOnlyList<double>)new[] { response[0], 2.5, l }).ToList();
        var lineProfit = pricing.Oracle.Evaluate(1, throughput, alone).Select(o => o[2].Profit).ToArray();
        var selfish = alone[Array.IndexOf(lineProfit, lineProfit.Max())][2];
        Assert.True(Math.Abs(selfish - response[2]) > 0.03 * response[2], $"line alone {selfish} vs joint {response[2]}");
    }

    [Fact]
    public void An_isp_counts_the_wholesale_margin_on_the_vmpo_lines_it_carries()
    {
        var vmpo = PlanMarkets.Vmpo(2, "V", 0) with { Quality = 1.2, MarginalCost = 0.3, InitialPrice = 3.5 };
        var market = LogitMarket([(IspSpec)Firm(0, quality: 1, cost: 1, price: 3, Responds) with { WholesaleDiscount = 0.3 }, Firm(1, quality: 0.8, cost: 0.8, price: 2.5), vmpo],
            Mixed());
        var pricing = new OraclePricing(market, 4);
        var throughput = Flat(pricing.Oracle.Structure, 10);
        double[] start = [3, 2.5, 3.5];
        var response = pricing.BestResponse(0, 1, throughput, start);

        // Brute force over the ISP's fee: 401 fees ±20 %, steps of 0.1 %; its profit written out here from the oracle's
        // expected counts: retail bills + 70 % of its fee per VMPO line carried − its cost per line carried.
        var fees = Grid(response[0], 0.2, 401);
        var candidates = fees.Select(a => (IReadOnlyList<double>)new[] { a, 2.5, 3.5 }).Append(response).ToList();
        var outcomes = pricing.Oracle.Evaluate(1, throughput, candidates);
        var profit = outcomes.Select((o, g) => o[0].Billed + 0.7 * candidates[g][0] * o[2].Subscribers - 1.0 * (o[0].Subscribers + o[2].Subscribers)).ToArray();
        for (var g = 0; g < profit.Length; g++) Assert.Equal(profit[g], outcomes[g][0].Profit, 1e-9 * Math.Abs(profit[g]));
        var best = Array.IndexOf(profit, profit[..^1].Max());
        Assert.InRange(best, 1, 399);
        Assert.True(profit[^1] >= profit[best] - 1e-9 * Math.Abs(profit[best]));
        Assert.Equal(fees[best], response[0], 0.002 * response[0]);

        // Without the margin (retail profit only) the best fee is another: the VMPO's lines pay more as the fee rises.
        var retail = outcomes.Select(o => o[0].Billed - 1.0 * o[0].Subscribers).ToArray();
        var retailBest = fees[Array.IndexOf(retail, retail[..^1].Max())];
        Assert.True(response[0] > retailBest * 1.02, $"with margin {response[0]}, retail only {retailBest}");
    }

    [Fact]
    public void Once_prices_settle_a_month_searches_from_todays_fees_and_finds_the_cold_searchs_answer()
    {
        // Fees moving half way to their best responses each month settle; once each firm's remembered answer is within a
        // settled Newton step of today's fee, the search starts at today's fees, as a search without memory does: the warm
        // answer is the cold one bit for bit (and all firms probe one fee vector, whose chains the oracle shares). While
        // fees still move, the search starts from last month's answer: another start, the same optimum.
        var market = LogitMarket([Firm(0, quality: 1, cost: 1, price: 3, Responds), Firm(1, quality: 0.8, cost: 0.8, price: 2.5, Responds),
            Firm(2, quality: 1.2, cost: 1.1, price: 3.2, Responds)], Mixed());
        var pricing = new OraclePricing(market, 3);
        var throughput = Flat(pricing.Oracle.Structure, 10);
        double[] fees = [3, 2.5, 3.2];
        double[] Answers(OraclePricing p, int month, double[] at) => Enumerable.Range(0, at.Length).Select(f => p.BestResponse(f, month, throughput, at)[f]).ToArray();
        var moving = Answers(pricing, 1, fees);
        var second = Answers(pricing, 2, moving);
        var coldSecond = Answers(new OraclePricing(market, 3), 2, moving);
        for (var f = 0; f < fees.Length; f++) Assert.Equal(coldSecond[f], second[f], 1e-5 * coldSecond[f]);
        double[] HalfWay(double[] at, double[] answers) => at.Select((x, f) => x + 0.5 * (answers[f] - x)).ToArray();
        fees = HalfWay(moving, second);
        for (var month = 3; month < 60; month++)
        {
            var next = Answers(pricing, month, fees);
            var settled = next.Zip(fees).All(x => Math.Abs(x.First - x.Second) < 2e-4 * x.Second);
            fees = HalfWay(fees, next);
            if (!settled) continue;
            var warm = Answers(pricing, month + 1, fees);
            var cold = Answers(new OraclePricing(market, 3), month + 1, fees);
            Assert.Equal(cold, warm);
            // And it is each firm's optimum: a 0.1 % move either way earns less.
            for (var f = 0; f < fees.Length; f++)
            {
                var probes = new[] { 0.999, 1, 1.001 }.Select(m => (IReadOnlyList<double>)fees.Select((x, g) => g == f ? warm[f] * m : x).ToArray()).ToList();
                var profit = pricing.Oracle.Evaluate(month + 1, throughput, probes).Select(o => o[f].Profit).ToArray();
                Assert.True(profit[1] >= profit[0] && profit[1] >= profit[2], $"firm {f}: {string.Join(", ", profit)}");
            }
            return;
        }
        Assert.Fail("best responses did not settle in 60 months");
    }
}
