using MarketSim.Market.Pricing;
using MarketSim.Market.Providers;
using MarketSim.Market.Randomness;

namespace MarketSim.Market.Tests.Pricing;

/// <summary>
/// The oracle's analytic profit slopes (first and second derivative along a direction, from one pass over the users)
/// against finite differences of its plain evaluations (a five-point stencil, computed here from Evaluate alone), in
/// heterogeneous markets with a VMPO (wholesale), a product line (revenue share), inertia and switching costs (the
/// review chain's stationary distribution), a rebate (rows that do not factor), an allowance with overage, and no
/// inertia (one logit draw per user).
/// </summary>
public class ProfitSlopeTests
{
    public static TheoryData<string> Variants => ["flat logit", "rebate, allowance", "no inertia"];

    private static MarketSpec Market(string variant) => OracleMarkets.Variant(900, variant);

    [Theory]
    [MemberData(nameof(Variants))]
    public void Slopes_and_curvatures_match_finite_differences_of_the_evaluated_profit(string variant)
    {
        var market = Market(variant);
        var structure = market.BuildStructure();
        var users = DemandPopulation.Draw(structure, market.Population, new CounterRandom(5));
        var oracle = new DemandOracle(structure, market.Population, users);
        var throughput = OracleMarkets.Uneven(structure, 3);
        var fees = market.Providers.Select(p => p.InitialPrice).ToArray();
        var count = fees.Length;
        // Every provider's own fee alone, and two fees moved together (a joint search's common shift), at distinct points.
        var random = new Random(17);
        var candidates = new List<IReadOnlyList<double>>();
        var directions = new List<IReadOnlyList<double>>();
        for (var p = 0; p < count; p++)
        {
            candidates.Add(fees.Select(f => f * (0.8 + 0.4 * random.NextDouble())).ToArray());
            directions.Add(Enumerable.Range(0, count).Select(q => q == p ? 1.0 : 0).ToArray());
        }
        candidates.Add(fees.ToArray());
        directions.Add(Enumerable.Range(0, count).Select(q => q is 0 or 1 ? 1.0 : 0).ToArray());

        var slopes = oracle.EvaluateSlopes(4, throughput, candidates, directions);

        for (var g = 0; g < candidates.Count; g++)
        {
            var h = 0.02;
            var stencil = new[] { -2, -1, 0, 1, 2 }
                .Select(m => (IReadOnlyList<double>)candidates[g].Select((x, q) => x + m * h * directions[g][q]).ToArray()).ToList();
            var at = oracle.Evaluate(4, throughput, stencil);
            for (var p = 0; p < count; p++)
            {
                var f = at.Select(e => e[p].Profit).ToArray();
                var slope = (f[0] - 8 * f[1] + 8 * f[3] - f[4]) / (12 * h);
                var curvature = (-f[0] + 16 * f[1] - 30 * f[2] + 16 * f[3] - f[4]) / (12 * h * h);
                var got = slopes[g][p];
                Assert.Equal(f[2], got.Expectation.Profit, 1e-9 * Math.Max(1, Math.Abs(f[2])));
                Assert.True(Math.Abs(got.Slope - slope) <= 1e-5 * (1 + Math.Abs(slope)), $"{variant}, candidate {g}, provider {p}: slope {got.Slope} against {slope}");
                Assert.True(Math.Abs(got.Curvature - curvature) <= 1e-3 * (1 + Math.Abs(curvature)),
                    $"{variant}, candidate {g}, provider {p}: curvature {got.Curvature} against {curvature}");
            }
        }
        // The markets exercise what they should: fees move demand (slopes far from zero) and the moved provider's curvature
        // is negative somewhere (a concave profit to climb).
        Assert.Contains(slopes.SelectMany(s => s), s => Math.Abs(s.Slope) > 1);
        Assert.Contains(Enumerable.Range(0, count), p => slopes[p][p].Curvature < 0);
    }

    /// <summary>The flat-tariff market's oracle inputs and <paramref name="count"/> candidates, each moving one provider's fee.</summary>
    private static (MarketSpec Market, MarketStructure Structure, DemandPopulation Users, ThroughputTable Throughput, double[] Fees,
        List<IReadOnlyList<double>> Candidates) FlatMarketCandidates(int count)
    {
        var market = Market("flat logit");
        var structure = market.BuildStructure();
        var users = DemandPopulation.Draw(structure, market.Population, new CounterRandom(5));
        var fees = market.Providers.Select(p => p.InitialPrice).ToArray();
        var candidates = Enumerable.Range(0, count)
            .Select(g => (IReadOnlyList<double>)fees.Select((f, p) => p == g % fees.Length ? f * (0.7 + 0.1 * g) : f).ToArray()).ToList();
        return (market, structure, users, OracleMarkets.Uneven(structure, 3), fees, candidates);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    public void Users_summed_four_at_a_time_give_the_bits_of_users_summed_one_by_one(int count)
    {
        // One, two, three, five or seven candidates are summed four users per lane group; eight one user at a time, its candidates in
        // the lanes. The users' slots make both the same additions, so a candidate's numbers are the same
        // bits whichever way its batch is summed.
        var (market, structure, users, throughput, fees, candidates) = FlatMarketCandidates(8);
        var directions = Enumerable.Range(0, 8).Select(g => (IReadOnlyList<double>)fees.Select((_, p) => p == g % fees.Length || p == (g + 1) % fees.Length ? 1.0 : 0).ToArray()).ToList();
        var oracle = new DemandOracle(structure, market.Population, users);
        var oneByOne = oracle.EvaluateSlopes(2, throughput, candidates, directions);
        // And with the month's factors recomputed in every sweep (what a population too large to keep them does).
        var recomputing = new DemandOracle(structure, market.Population, users, maxKeptFactors: 0);
        foreach (var grouped in new[] { oracle, recomputing }.Select(o => o.EvaluateSlopes(2, throughput, candidates[..count], directions[..count])))
        {
            for (var g = 0; g < count; g++)
            {
                for (var p = 0; p < fees.Length; p++)
                {
                    Assert.Equal(oneByOne[g][p].Expectation.Subscribers, grouped[g][p].Expectation.Subscribers);
                    Assert.Equal(oneByOne[g][p].Expectation.Profit, grouped[g][p].Expectation.Profit);
                    Assert.Equal(oneByOne[g][p].Slope, grouped[g][p].Slope);
                    Assert.Equal(oneByOne[g][p].Curvature, grouped[g][p].Curvature);
                }
            }
        }
        // Not vacuous: demand moves with the fees (and the mutations in the commit that added this test fail it).
        Assert.Contains(Enumerable.Range(0, fees.Length), p => Math.Abs(oneByOne[0][p].Slope) > 1e-3);
    }

    [Theory]
    [InlineData(1, DemandOracle.DefaultMaxKeptFactors)]
    [InlineData(2, DemandOracle.DefaultMaxKeptFactors)]
    [InlineData(3, DemandOracle.DefaultMaxKeptFactors)]
    [InlineData(4, DemandOracle.DefaultMaxKeptFactors)]
    [InlineData(5, DemandOracle.DefaultMaxKeptFactors)]
    [InlineData(7, DemandOracle.DefaultMaxKeptFactors)]
    [InlineData(4, 0L)]
    [InlineData(5, 0L)]
    public void Probes_at_the_same_fees_share_their_chains_and_keep_their_own_bits(int probes, long maxKeptFactors)
    {
        // A settled month's firms probe one fee vector along their own directions: the oracle eliminates each group of
        // four users' chain once for all of them and solves the directions two or three at a time (1-7 probes: 1, 2, 3,
        // 2 + 2, 3 + 2, 3 + 2 + 2). Each probe must give the bits it gets alone and in a batch with three other fee vectors
        // (four distinct, so that batch sums its users one by one, the probes in candidate lanes), with the month's factors
        // kept or recomputed in every pass.
        var (market, structure, users, throughput, fees, candidates) = FlatMarketCandidates(4);
        var random = new Random(3);
        var directions = Enumerable.Range(0, probes).Select(_ => (IReadOnlyList<double>)fees.Select(_ => (double)random.Next(-1, 3)).ToArray()).ToList();
        var at = candidates[0];
        var oracle = new DemandOracle(structure, market.Population, users, maxKeptFactors: maxKeptFactors);
        var shared = oracle.EvaluateSlopes(2, throughput, directions.Select(_ => at).ToList(), directions);
        var others = candidates.Skip(1).Take(3).ToList();
        var oneByOne = oracle.EvaluateSlopes(2, throughput, [.. directions.Select(_ => at), .. others], [.. directions, .. directions.Take(1).Concat(directions).Concat(directions).Take(3)]);
        for (var d = 0; d < probes; d++)
        {
            var alone = oracle.EvaluateSlopes(2, throughput, [at], [directions[d]])[0];
            foreach (var other in new[] { shared[d], oneByOne[d] })
            {
                for (var p = 0; p < fees.Length; p++)
                {
                    Assert.Equal(alone[p].Expectation.Profit, other[p].Expectation.Profit);
                    Assert.Equal(alone[p].Slope, other[p].Slope);
                    Assert.Equal(alone[p].Curvature, other[p].Curvature);
                }
            }
        }
        // Not vacuous: the directions move profits, and differently.
        Assert.Contains(Enumerable.Range(0, fees.Length), p => Math.Abs(shared[0][p].Slope) > 1e-3);
        if (probes > 1) Assert.Contains(Enumerable.Range(0, fees.Length), p => shared[0][p].Slope != shared[1][p].Slope);
    }

    [Fact]
    public void Factors_reused_from_month_to_month_follow_the_users_devices()
    {
        // The month's factor buffers are reused; as the MPTCP share grows, users change device, so their tables, whether
        // their rows factor and where their factors sit change from one month to the next. Kept factors must give what
        // factors recomputed in every pass give, month after month (chunks of 64 users, so many chunks are packed).
        var market = OracleMarkets.Variant(900, "flat logit");
        market = market with { Population = market.Population with { MptcpShare = 0.1, MptcpShareGrowth = 0.15 } };
        var structure = market.BuildStructure();
        var users = DemandPopulation.Draw(structure, market.Population, new CounterRandom(5));
        var throughput = OracleMarkets.Uneven(structure, 3);
        var fees = market.Providers.Select(p => p.InitialPrice).ToArray();
        var kept = new DemandOracle(structure, market.Population, users, chunkSize: 64);
        var recomputed = new DemandOracle(structure, market.Population, users, chunkSize: 64, maxKeptFactors: 0);
        List<IReadOnlyList<double>> directions = [fees.Select((_, p) => p == 0 ? 1.0 : 0).ToArray(), fees.Select((_, p) => p == 1 ? 1.0 : 0).ToArray()];
        List<IReadOnlyList<double>> candidates = [fees, fees];
        var subscribers = new List<double>();
        for (var tick = 1; tick < 7; tick++)
        {
            var a = kept.EvaluateSlopes(tick, throughput, candidates, directions);
            var b = recomputed.EvaluateSlopes(tick, throughput, candidates, directions);
            var c = kept.Evaluate(tick, throughput, candidates);
            var d = recomputed.Evaluate(tick, throughput, candidates);
            for (var g = 0; g < 2; g++)
            {
                for (var p = 0; p < fees.Length; p++)
                {
                    Assert.Equal(b[g][p].Slope, a[g][p].Slope);
                    Assert.Equal(b[g][p].Curvature, a[g][p].Curvature);
                    Assert.Equal(d[g][p].Profit, c[g][p].Profit);
                }
            }
            subscribers.Add(c[0][0].Subscribers);
        }
        Assert.True(subscribers.Distinct().Count() > 3, "the growing MPTCP share moves demand from month to month");
    }

    [Fact]
    public void A_candidate_gives_the_same_slopes_alone_as_in_a_batch()
    {
        var (market, structure, users, throughput, fees, candidates) = FlatMarketCandidates(6);
        var directions = Enumerable.Range(0, 6).Select(g => (IReadOnlyList<double>)fees.Select((_, p) => p == g % fees.Length ? 1.0 : 0).ToArray()).ToList();
        var batch = new DemandOracle(structure, market.Population, users).EvaluateSlopes(2, throughput, candidates, directions);
        for (var g = 0; g < candidates.Count; g++)
        {
            var alone = new DemandOracle(structure, market.Population, users, chunkSize: 333).EvaluateSlopes(2, throughput, [candidates[g]], [directions[g]])[0];
            for (var p = 0; p < fees.Length; p++)
            {
                Assert.Equal(alone[p].Expectation.Profit, batch[g][p].Expectation.Profit, 1e-9 * Math.Abs(alone[p].Expectation.Profit));
                Assert.Equal(alone[p].Slope, batch[g][p].Slope, 1e-9 * (1 + Math.Abs(alone[p].Slope)));
                Assert.Equal(alone[p].Curvature, batch[g][p].Curvature, 1e-9 * (1 + Math.Abs(alone[p].Curvature)));
            }
        }
    }

    [Fact]
    public void The_nested_logit_has_no_analytic_slopes()
    {
        var market = Market("flat logit");
        market = market with { Population = market.Population with { Demand = new DemandModel(true, 0.5, null) } };
        var oracle = OracleMarkets.Oracle(market, 5);
        var structure = oracle.Structure;
        Assert.False(oracle.HasSlopes);
        var fees = market.Providers.Select(p => p.InitialPrice).ToArray();
        Assert.Throws<NotSupportedException>(() => oracle.EvaluateSlopes(1, OracleMarkets.Uneven(structure, 3), [fees], [fees]));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void A_search_on_analytic_slopes_finds_the_fees_a_search_on_finite_differences_finds(string variant)
    {
        var market = Market(variant);
        var oracle = OracleMarkets.Oracle(market, 5);
        var structure = oracle.Structure;
        var throughput = OracleMarkets.Uneven(structure, 3);
        var fees = market.Providers.Select(p => p.InitialPrice).ToArray();
        var count = fees.Length;
        var lower = Enumerable.Repeat(0.0, count).ToArray();
        var upper = Enumerable.Repeat(200.0, count).ToArray();
        // Each provider's own fee for its own profit, and the first two fees together for their summed profit.
        var problems = Enumerable.Range(0, count).Select(p => new FeeSearch.Problem(fees, [p], lower, upper))
            .Append(new FeeSearch.Problem(fees, [0, 1], lower, upper)).ToArray();
        var payees = Enumerable.Range(0, count).Select(p => new[] { p }).Append([0, 1]).ToArray();
        var calls = new int[2];
        var analytic = FeeSearch.MaximiseAll(problems, batch =>
        {
            calls[0]++;
            var directed = batch.Where(b => b.Along is not null).ToList();
            var plain = batch.Where(b => b.Along is null).ToList();
            var slopes = directed.Count == 0 ? [] : oracle.EvaluateSlopes(2, throughput, directed.Select(b => b.Fees).ToList(),
                directed.Select(b => (IReadOnlyList<double>)Enumerable.Range(0, count).Select(q => b.Along!.Contains(q) ? 1.0 : 0).ToArray()).ToList());
            var values = plain.Count == 0 ? [] : oracle.Evaluate(2, throughput, plain.Select(b => b.Fees).ToList());
            return batch.Select(b =>
            {
                var own = payees[b.Problem];
                if (b.Along is null) return new FeeSearch.Outcome(own.Sum(q => values[plain.IndexOf(b)][q].Profit));
                var at = slopes[directed.IndexOf(b)];
                return new FeeSearch.Outcome(own.Sum(q => at[q].Expectation.Profit), own.Sum(q => at[q].Slope), own.Sum(q => at[q].Curvature));
            }).ToArray();
        }, slopes: true);
        var differenced = FeeSearch.MaximiseAll(problems, batch =>
        {
            calls[1]++;
            var values = oracle.Evaluate(2, throughput, batch.Select(b => b.Fees).ToList());
            return batch.Select((b, g) => payees[b.Problem].Sum(q => values[g][q].Profit)).ToArray();
        });
        for (var n = 0; n < problems.Length; n++)
        {
            foreach (var v in problems[n].Variables)
            {
                Assert.True(Math.Abs(analytic[n][v] - differenced[n][v]) <= 1e-5 * differenced[n][v],
                    $"{variant}, search {n}, fee {v}: {analytic[n][v]} with slopes, {differenced[n][v]} with differences");
            }
        }
        // The searches moved the fees (the optimum is not the start).
        Assert.Contains(Enumerable.Range(0, count), p => Math.Abs(differenced[p][p] - fees[p]) > 0.01 * fees[p]);
    }
}
