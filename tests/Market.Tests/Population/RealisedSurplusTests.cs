using MarketSim.Market.Choice;
using MarketSim.Market.Population;
using MarketSim.Market.Providers;
using MarketSim.Market.Randomness;
using MarketSim.TestSupport;

namespace MarketSim.Market.Tests;

/// <summary>
/// A tiny market whose surplus can be worked out by hand: one location, two 3G ISPs of different brand value and fee,
/// users who value throughput as v ln(1 + T), one price sensitivity, no published measurements (a user judges an
/// access it does not hold by its own). The ISPs' cells deliver different rates, so what a user perceives of an access
/// it does not hold differs from what it then gets.
/// </summary>
public class RealisedSurplusTests
{
    private const double Alpha = 0.8, V = 1.5, Inertia = 0.4, Switching = 0.25;
    private static readonly double[] Quality = [2.0, 1.2], Fee = [3.0, 1.5], Delivered = [4.0, 1.0];
    private const double Advertised = 2.5;

    private static MarketSpec Spec(double review, int users = 3000)
    {
        ProviderBuilder Isp(int i, string name)
            => ProviderBuilder.Isp(name).Capacity(1000).PeakRate(10).Rtt(0.1).Quality(Quality[i]).Advertised(Advertised).Cost(1).Fee(Fee[i]).Share(0.35);
        return MarketBuilder.Of("tiny", Isp(0, "A"), Isp(1, "B")).Ticks(2).Multihoming(false)
            .Users(PopulationBuilder.PriceOnly(users, Alpha).ThroughputValue(V).Review(review).Inertia(Inertia).SwitchingCost(Switching))
            .Build();
    }

    private static MarketView View(MarketStructure structure)
    {
        var mbps = new double[structure.CellCount * structure.Catalogue.MaxPaths];
        foreach (var portfolio in structure.Catalogue.All.Where(p => !p.IsOutside))
            mbps[structure.Cell(0, portfolio.Index) * structure.Catalogue.MaxPaths] = Delivered[portfolio.Providers[0]];
        return new MarketView(1, Fee, new ThroughputTable(structure, mbps));
    }

    // Provider held (−1: none) -> what the user believes access k delivers: its own rate if it holds an access, else the advert.
    private static double Perceived(int held, int k) => held == k ? Delivered[k] : held < 0 ? Advertised : Delivered[held];

    private static double Utility(int held, int k)
    {
        var friction = held == k ? Inertia : 0;
        if (k < 0) return friction;
        return Quality[k] + V * Math.Log(1 + Perceived(held, k)) - Fee[k] + (held == k ? Inertia : -Switching);
    }

    private static double LogSum(int held) => Math.Log(new[] { -1, 0, 1 }.Sum(k => Math.Exp(Alpha * Utility(held, k)))) / Alpha;

    private static int Held(MarketStructure structure, UserBlock block, int i)
    {
        var portfolio = structure.Catalogue[block.PortfolioOf(i)];
        return portfolio.IsOutside ? -1 : portfolio.Providers[0];
    }

    [Fact]
    public void After_a_review_realised_surplus_is_the_log_sum_corrected_by_what_the_chosen_access_delivers()
    {
        var spec = Spec(review: 1);
        var structure = spec.BuildStructure();
        var block = UserBlock.Create(structure, spec.Population, new CounterRandom(3), 0, spec.Population.Users);
        var before = Enumerable.Range(0, block.Count).Select(i => Held(structure, block, i)).ToArray();
        var outcome = block.Review(View(structure));
        double option = 0, realised = 0;
        var switchers = 0;
        for (var i = 0; i < block.Count; i++)
        {
            int from = before[i], to = Held(structure, block, i);
            option += LogSum(from);
            // Expected taste term of the choice: logsum − U_to; realised = what `to` delivers + that term.
            var surprise = to < 0 || to == from ? 0 : V * (Math.Log(1 + Delivered[to]) - Math.Log(1 + Perceived(from, to)));
            realised += LogSum(from) + surprise;
            if (to != from) switchers++;
        }
        Assert.InRange(switchers, 100, block.Count - 100);
        Assert.Equal(option, outcome.ConsumerSurplusMicros / 1e6, 1e-3);
        Assert.Equal(realised, outcome.RealisedSurplusMicros / 1e6, 1e-3);
        // Users who moved from A to B found B slower than A was: realised surplus is below the option value.
        Assert.True(realised < option);
    }

    [Fact]
    public void A_user_who_never_chose_realises_the_value_of_what_it_holds_while_the_option_value_counts_the_menu()
    {
        var spec = Spec(review: 0);
        var structure = spec.BuildStructure();
        var block = UserBlock.Create(structure, spec.Population, new CounterRandom(4), 0, 500);
        var outcome = block.Review(View(structure));
        double option = 0, realised = 0;
        for (var i = 0; i < block.Count; i++)
        {
            var held = Held(structure, block, i);
            option += LogSum(held);
            realised += Utility(held, held);
        }
        Assert.Equal(option, outcome.ConsumerSurplusMicros / 1e6, 1e-3);
        Assert.Equal(realised, outcome.RealisedSurplusMicros / 1e6, 1e-3);
    }

    [Fact]
    public void Averaged_over_choices_the_taste_term_of_Train_gives_back_the_log_sum()
    {
        // Brute force, independent of the code under test: draw Gumbel tastes, let each simulated user take its best
        // option, and average utility + taste of what it took; the mean is the log-sum plus Euler's gamma / alpha.
        double[] u = [0.3, 1.1, -0.4];
        var logSum = Math.Log(u.Sum(x => Math.Exp(Alpha * x))) / Alpha;
        // Gumbel of scale 1 / alpha by inversion (MathNet has no Gumbel distribution).
        var uniform = new Random(7);
        double Gumbel() => -Math.Log(-Math.Log(1 - uniform.NextDouble())) / Alpha;
        double total = 0;
        const int draws = 400_000;
        var taken = new int[u.Length];
        var tasteOfTaken = new double[u.Length];
        for (var d = 0; d < draws; d++)
        {
            var best = 0;
            var bestValue = double.NegativeInfinity;
            for (var k = 0; k < u.Length; k++)
            {
                var value = u[k] + Gumbel();
                if (value > bestValue) (best, bestValue) = (k, value);
            }
            total += bestValue;
            taken[best]++;
            tasteOfTaken[best] += bestValue - u[best];
        }
        var gammaOverAlpha = 0.5772156649015329 / Alpha;
        Assert.Equal(logSum + gammaOverAlpha, total / draws, 0.01);
        // Per option: the mean taste of those who took it is (gamma − ln P_k) / alpha, the offset plus gamma / alpha.
        for (var k = 0; k < u.Length; k++) Assert.Equal(tasteOfTaken[k] / taken[k], RealisedSurplus.OffsetAfterStay(logSum, u[k]) + gammaOverAlpha, 0.02);
    }
}
