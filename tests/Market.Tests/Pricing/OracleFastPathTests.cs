using MarketSim.Market.Pricing;
using MarketSim.Market.Randomness;

namespace MarketSim.Market.Tests.Pricing;

/// <summary>
/// The oracle's fast path (the month's fee-free state kept across calls, the fee exponentials of options a candidate
/// leaves unchanged reused within a batch) against evaluating every candidate alone on a fresh oracle, in heterogeneous
/// markets with a VMPO (wholesale), an ISP product line (revenue share), inertia and switching costs, a performance
/// rebate, an allowance with overage, and the nested logit.
/// </summary>
public class OracleFastPathTests
{
    public static TheoryData<string> Variants => ["flat logit", "rebate, allowance, nested logit", "allowance, logit"];

    private static MarketSpec Market(string variant) => OracleMarkets.Variant(1200, variant);

    [Theory]
    [MemberData(nameof(Variants))]
    public void A_batch_of_unilateral_and_random_candidates_gives_what_each_candidate_gives_evaluated_alone(string variant)
    {
        var market = Market(variant);
        var structure = market.BuildStructure();
        var users = DemandPopulation.Draw(structure, market.Population, new CounterRandom(5));
        var fast = new DemandOracle(structure, market.Population, users);
        var throughput = OracleMarkets.Uneven(structure, 3);
        var fees = market.Providers.Select(p => p.InitialPrice).ToArray();
        var random = new Random(11);
        var candidates = new List<IReadOnlyList<double>>();
        for (var p = 0; p < fees.Length; p++)
        {
            for (var m = 0; m < 4; m++)
            {
                var x = fees.ToArray();
                x[p] *= 0.6 + random.NextDouble();
                candidates.Add(x);
            }
        }
        candidates.Add(fees.Select(f => f * (0.6 + random.NextDouble())).ToArray());
        candidates.Add(fees.Select(f => f * (0.6 + random.NextDouble())).ToArray());

        fast.Evaluate(2, throughput, fees); // the month is prepared and kept by an earlier call, as in a search
        fast.Evaluate(2, OracleMarkets.Uneven(structure, 4), fees); // another throughput table of the same month replaces it
        var batch = fast.Evaluate(2, throughput, candidates);

        for (var g = 0; g < candidates.Count; g++)
        {
            var alone = new DemandOracle(structure, market.Population, users, chunkSize: 333).Evaluate(2, throughput, candidates[g]);
            for (var p = 0; p < fees.Length; p++)
            {
                AssertClose(alone[p].Subscribers, batch[g][p].Subscribers);
                AssertClose(alone[p].CarriedLines, batch[g][p].CarriedLines);
                AssertClose(alone[p].Billed, batch[g][p].Billed);
                AssertClose(alone[p].WholesaleIn, batch[g][p].WholesaleIn);
                AssertClose(alone[p].WholesaleOut, batch[g][p].WholesaleOut);
                AssertClose(alone[p].Cost, batch[g][p].Cost);
                AssertClose(alone[p].Profit, batch[g][p].Profit);
            }
        }
        // The market exercises what it should: the VMPO and the product line sell, and money moves between providers.
        Assert.True(batch[0][3].Subscribers > 1 && batch[0][4].Subscribers > 1);
        Assert.True(batch[0][3].WholesaleOut > 0 && batch[0][4].WholesaleOut > 0);
    }

    private static void AssertClose(double expected, double actual)
        => Assert.True(Math.Abs(expected - actual) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    [Theory]
    [MemberData(nameof(Variants))]
    public void A_candidate_gets_the_same_bits_wherever_it_sits_in_a_batch(string variant)
    {
        // Candidates are solved four at a time in vector lanes, and each is scaled by its own cheapest option: the same
        // five candidates in reverse order, or each alone, put a candidate in another lane or batch, which must not
        // change a bit (searches of several firms share passes on this).
        var market = Market(variant);
        var oracle = OracleMarkets.Oracle(market, 8);
        var structure = oracle.Structure;
        var throughput = OracleMarkets.Uneven(structure, 6);
        var fees = market.Providers.Select(p => p.InitialPrice).ToArray();
        var candidates = Enumerable.Range(0, 5).Select(g =>
        {
            var x = fees.ToArray();
            x[g % fees.Length] *= 0.7 + 0.15 * g;
            return (IReadOnlyList<double>)x;
        }).ToList();

        var forward = oracle.Evaluate(3, throughput, candidates);
        var backward = oracle.Evaluate(3, throughput, candidates.AsEnumerable().Reverse().ToList());

        for (var g = 0; g < 5; g++)
        {
            Assert.Equal(forward[g], backward[4 - g]);
            Assert.Equal(forward[g], oracle.Evaluate(3, throughput, candidates[g])); // and alone
        }
    }
    [Theory]
    [MemberData(nameof(Variants))]
    public void Candidates_alike_for_some_users_get_the_bits_each_gets_alone(string variant)
    {
        // A user's chain is solved once for a run of candidates that charge the same fees for every option it can buy
        // (a provider's grid where it cannot buy from that provider, a candidate repeated): each candidate of the run must
        // still get what it gets alone, to the last bit.
        var market = Market(variant);
        var oracle = OracleMarkets.Oracle(market, 9);
        var structure = oracle.Structure;
        var catalogue = structure.Catalogue;
        var unreachable = Enumerable.Range(0, structure.ProviderCount).Where(p => Enumerable.Range(0, structure.Locations)
            .Any(l => structure.Available(l, true).ToArray().All(o => !catalogue[o].Providers.Contains(p)))).ToArray();
        Assert.NotEmpty(unreachable); // some users cannot buy from some provider: their runs are longer than the others'
        var throughput = OracleMarkets.Uneven(structure, 7);
        var fees = market.Providers.Select(p => p.InitialPrice).ToArray();
        var candidates = new List<IReadOnlyList<double>> { fees, fees.ToArray() };
        foreach (var p in unreachable.Concat([0]))
        {
            for (var g = 0; g < 5; g++)
            {
                var x = fees.ToArray();
                x[p] *= 0.6 + 0.2 * g;
                candidates.Add(x);
            }
        }
        candidates.Add(candidates[^1]);

        var batch = oracle.Evaluate(4, throughput, candidates);

        for (var g = 0; g < candidates.Count; g++) Assert.Equal(oracle.Evaluate(4, throughput, candidates[g]), batch[g]);
    }
}
