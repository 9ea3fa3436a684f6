using MarketSim.Market.Population;
using MarketSim.Market.Pricing;
using MarketSim.Market.Providers;
using MarketSim.Market.Randomness;
using MathNet.Numerics.LinearAlgebra;
using static MarketSim.Market.Tests.Pricing.OracleMarkets;

namespace MarketSim.Market.Tests.Pricing;

public class DemandOracleTests
{
    [Fact]
    public void Identical_users_without_inertia_give_the_logit_shares_bills_and_profits_of_an_asymmetric_oligopoly()
    {
        double[] quality = [2, 1.5, 1], cost = [1, 0.8, 0.5], fees = [1.5, 1.3, 1.2];
        const double alpha = 4;
        const int n = 700;
        var market = LogitMarket([Firm(0, quality[0], cost[0], 1), Firm(1, quality[1], cost[1], 1), Firm(2, quality[2], cost[2], 1)], Users(n, alpha));
        var oracle = Oracle(market);
        var result = oracle.Evaluate(1, Flat(oracle.Structure, 10), fees);

        var denominator = 1 + Enumerable.Range(0, 3).Sum(j => Math.Exp(alpha * (quality[j] - fees[j])));
        for (var j = 0; j < 3; j++)
        {
            var share = Math.Exp(alpha * (quality[j] - fees[j])) / denominator;
            Assert.Equal(n * share, result[j].Subscribers, 1e-9 * n);
            Assert.Equal(n * share * fees[j], result[j].Billed, 1e-9 * n);
            Assert.Equal(n * share * (fees[j] - cost[j]), result[j].Profit, 1e-9 * n);
            Assert.Equal(0, result[j].WholesaleIn + result[j].WholesaleOut);
        }
    }

    [Fact]
    public void An_extreme_price_sensitivity_whose_exponentials_underflow_still_gives_finite_demand_that_adds_up()
    {
        // alpha = 1000: a held firm's row has every other option 2000+ money-units of exp below it, so the factored rows
        // underflow and are evaluated directly; holding firm 1 (utility 1.4 + inertia) keeps everyone.
        const int n = 300;
        var market = LogitMarket([Firm(0, 2, 1, 1), Firm(1, 1.2, 0.5, 1)], Users(n, 1000, inertia: 0.8, switching: 0.5));
        var oracle = Oracle(market);
        var result = oracle.Evaluate(1, Flat(oracle.Structure, 10), [1.4, 0.9]);
        Assert.All(result, r => Assert.True(double.IsFinite(r.Subscribers) && double.IsFinite(r.Profit)));
        Assert.InRange(result[0].Subscribers + result[1].Subscribers, 0, n * (1 + 1e-12));
    }

    [Theory]
    [InlineData(DemandOracle.DefaultMaxKeptFactors)]
    [InlineData(0)]
    public void Rows_that_underflow_give_the_same_slopes_summed_four_users_at_a_time_as_one_by_one(long maxKeptFactors)
    {
        // alpha around 70 and a firm whose high quality comes at a high fee: a factored row is scaled by its best fee-free
        // utility (quality 10) and its cheapest option (no fee), and their product, about exp(-70 x 9), underflows, so
        // the rows are made from the users' utilities, user by user inside a group of four as in the one-by-one pass
        // (the chain itself is well conditioned: leaving a portfolio costs about exp(-70 x 1.3)). With the month's
        // factors kept or recomputed in the sweep. One or two candidates are summed four users at a time, four one by one.
        // Option-factor exponents reach about -820 here (alpha up to 91, fee gaps of 9): without their floor at -700 the
        // library computes such vectors element by element, and four users' lanes would differ from one user's call.
        const int n = 301;
        var market = LogitMarket([Firm(0, 10, 1, 9), Firm(1, 1.2, 0.5, 0.9)], Users(n, 70, inertia: 0.8, switching: 0.5, alphaSpread: 0.3));
        var oracle = Oracle(market, maxKeptFactors: maxKeptFactors);
        var throughput = Flat(oracle.Structure, 10);
        var candidates = Enumerable.Range(0, 4).Select(g => (IReadOnlyList<double>)[9 + 0.001 * g, 0.9 - 0.001 * g]).ToList();
        var directions = Enumerable.Range(0, 4).Select(g => (IReadOnlyList<double>)(g % 2 == 0 ? [1.0, 0] : [0, 1.0])).ToList();
        var oneByOne = oracle.EvaluateSlopes(1, throughput, candidates, directions);
        foreach (var count in new[] { 1, 2 })
        {
            var grouped = oracle.EvaluateSlopes(1, throughput, candidates[..count], directions[..count]);
            for (var g = 0; g < count; g++)
            {
                for (var p = 0; p < 2; p++)
                {
                    Assert.True(double.IsFinite(grouped[g][p].Slope) && double.IsFinite(grouped[g][p].Curvature));
                    Assert.Equal(oneByOne[g][p].Expectation.Subscribers, grouped[g][p].Expectation.Subscribers);
                    Assert.Equal(oneByOne[g][p].Slope, grouped[g][p].Slope);
                    Assert.Equal(oneByOne[g][p].Curvature, grouped[g][p].Curvature);
                }
            }
        }
        Assert.True(oneByOne[0][0].Expectation.Subscribers > 1 && Math.Abs(oneByOne[0][0].Slope) > 1e-3);
    }

    [Fact]
    public void With_inertia_and_switching_costs_demand_is_the_stationary_distribution_of_the_review_chain()
    {
        // Two firms and the outside option; a reviewing user holding i sees utility a_j - p_j + inertia [j == i] - switching [j new].
        double[] quality = [2, 1.2], fees = [1.4, 0.9];
        const double alpha = 3, inertia = 0.8, switching = 0.5;
        const int n = 500;
        var market = LogitMarket([Firm(0, quality[0], 1, 1), Firm(1, quality[1], 0.5, 1)], Users(n, alpha, inertia, switching));
        var oracle = Oracle(market);
        var result = oracle.Evaluate(1, Flat(oracle.Structure, 10), fees);

        double Utility(int held, int option) // 0 = outside, 1 = firm 1, 2 = firm 2
            => (option == 0 ? 0 : quality[option - 1] - fees[option - 1] - (option != held ? switching : 0)) + (option == held ? inertia : 0);
        var chain = Matrix<double>.Build.Dense(3, 3, (i, j) => Math.Exp(alpha * Utility(i, j)));
        for (var i = 0; i < 3; i++) chain.SetRow(i, chain.Row(i) / chain.Row(i).Sum());
        var longRun = chain.Power(4000).Row(0); // every row converges to the stationary distribution

        Assert.Equal(n * longRun[1], result[0].Subscribers, 1e-8 * n);
        Assert.Equal(n * longRun[2], result[1].Subscribers, 1e-8 * n);
        // Not the choice probabilities of a reviewing user without a plan: inertia keeps users where they are.
        var fromOutside = chain[0, 1];
        Assert.True(Math.Abs(longRun[1] - fromOutside) > 0.01);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    public void With_more_firms_demand_is_still_the_stationary_distribution_of_the_review_chain(int firms)
    {
        // Chains of 4, 6 and 8 portfolios (the factored rows' vector code takes a row of four or more in vectors of four,
        // the last overlapping), against the same independent reference as above.
        var quality = Enumerable.Range(0, firms).Select(j => 1 + 0.37 * ((j * 5) % firms)).ToArray();
        var fees = Enumerable.Range(0, firms).Select(j => 0.6 + 0.21 * ((j * 3) % firms)).ToArray();
        const double alpha = 2.5, inertia = 0.7, switching = 0.4;
        const int n = 400;
        var market = LogitMarket(Enumerable.Range(0, firms).Select(j => Firm(j, quality[j], 0.3, 1)).ToArray(), Users(n, alpha, inertia, switching));
        var oracle = Oracle(market);
        var result = oracle.Evaluate(1, Flat(oracle.Structure, 10), fees);

        double Utility(int held, int option)
            => (option == 0 ? 0 : quality[option - 1] - fees[option - 1] - (option != held ? switching : 0)) + (option == held ? inertia : 0);
        var chain = Matrix<double>.Build.Dense(firms + 1, firms + 1, (i, j) => Math.Exp(alpha * Utility(i, j)));
        for (var i = 0; i <= firms; i++) chain.SetRow(i, chain.Row(i) / chain.Row(i).Sum());
        var longRun = chain.Power(4000).Row(0);
        for (var j = 0; j < firms; j++) Assert.Equal(n * longRun[j + 1], result[j].Subscribers, 1e-8 * n);
    }

    [Fact]
    public void A_performance_rebate_bills_the_fee_net_of_the_rebate_for_the_shortfall_and_users_weigh_that_bill()
    {
        // Promise 20 Mbit/s, delivered 10: shortfall 1/2, rebate 0.6, so the bill is 0.7 x fee.
        var tariff = new Tariff(double.PositiveInfinity, 0, PromisedMbps: 20, Rebate: 0.6);
        const double alpha = 2, fee = 3, quality = 4, cost = 1;
        const int n = 300;
        var market = LogitMarket([Firm(0, quality, cost, fee, tariff: tariff)], Users(n, alpha));
        var oracle = Oracle(market);
        var result = oracle.Evaluate(1, Flat(oracle.Structure, 10), [fee]);

        var bill = 0.7 * fee;
        var share = Math.Exp(alpha * (quality - bill)) / (1 + Math.Exp(alpha * (quality - bill)));
        Assert.Equal(n * share, result[0].Subscribers, 1e-9 * n);
        Assert.Equal(n * share * bill, result[0].Billed, 1e-9 * n);
    }

    [Fact]
    public void A_vmpo_pays_each_carrying_isp_its_wholesale_price_per_line_and_the_isps_carry_its_lines()
    {
        var vmpo = PlanMarkets.Vmpo(2, "V", 0, 1) with { MarginalCost = 0.2, Quality = 2.5 };
        var market = new MarketSpec("vmpo", 5, Locations: 1, AllowMultihoming: false, Transport.Controller.Lia,
            [(IspSpec)Firm(0, 2, 1, 1) with { WholesaleDiscount = 0.3 }, (IspSpec)Firm(1, 1.5, 0.7, 1) with { WholesaleDiscount = 0.1 }, vmpo],
            Users(400, 2) with { MptcpShare = 1 });
        var oracle = Oracle(market);
        double[] fees = [1.6, 1.2, 2.4];
        var r = oracle.Evaluate(1, Flat(oracle.Structure, 10), fees);

        var v = r[2].Subscribers;
        Assert.True(v > 1);
        Assert.Equal(v * (0.7 * 1.6 + 0.9 * 1.2), r[2].WholesaleOut, 1e-9);
        Assert.Equal(v * 0.7 * 1.6, r[0].WholesaleIn, 1e-9);
        Assert.Equal(v * 0.9 * 1.2, r[1].WholesaleIn, 1e-9);
        Assert.Equal(r[0].Subscribers + v, r[0].CarriedLines, 1e-9);
        Assert.Equal(1 * (r[0].Subscribers + v), r[0].Cost, 1e-9);
        Assert.Equal(0.2 * v, r[2].Cost, 1e-9);
        Assert.Equal(r.Sum(x => x.WholesaleIn), r.Sum(x => x.WholesaleOut), 1e-9);
    }

    [Fact]
    public void The_oracle_sums_exactly_the_users_a_run_draws_in_any_chunking()
    {
        var market = LogitMarket([Firm(0, 2, 1, 1), Firm(1, 1.5, 0.8, 1)], Users(1000, 3, inertia: 0.5, switching: 0.3, alphaSpread: 0.5, value: 1, valueSpread: 0.5));
        var structure = market.BuildStructure();
        var random = new CounterRandom(9);
        var users = DemandPopulation.Draw(structure, market.Population, random);
        var block = UserBlock.Create(structure, market.Population, random, 0, 1000);
        var locations = new int[1000];
        block.CopyStates(null, locations, new bool[1000], new int[1000], new double[1000]);
        // Stored by location: every user once, at the location its block drew.
        Assert.Equal(Enumerable.Range(0, 1000), users.UserId.Order());
        for (var k = 0; k < users.Count; k++) Assert.Equal(locations[users.UserId[k]], users.Location[k]);
        Assert.Equal(users.Location.Order(), users.Location);
        Assert.Equal(0, DemandPopulation.Draw(structure, market.Population with { Users = 0 }, random).Count);

        double[] fees = [1.4, 1.1];
        var one = Oracle(market, 9, chunk: 1).Evaluate(1, Flat(structure, 10), fees);
        var many = Oracle(market, 9, chunk: 2048).Evaluate(1, Flat(structure, 10), fees);
        for (var p = 0; p < 2; p++) Assert.Equal(one[p].Profit, many[p].Profit, 1e-9 * Math.Abs(one[p].Profit));
        Assert.Equal(many, Oracle(market, 9, chunk: 2048).Evaluate(1, Flat(structure, 10), fees));
    }
}
