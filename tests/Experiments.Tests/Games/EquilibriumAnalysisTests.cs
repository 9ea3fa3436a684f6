using MarketSim.Experiments.Games;

namespace MarketSim.Experiments.Tests.Games;

public class EquilibriumAnalysisTests
{
    /// <summary>Payoffs around the given means with a replication-specific common shock (as common random numbers
    /// give) plus a small idiosyncratic wobble, so paired differences are tight but not exactly constant.</summary>
    private static EmpiricalPayoffs Table(ProfileSpace space, Func<int[], int, double> mean, int replications = 4, double shock = 5, double wobble = 0.01)
    {
        var payoffs = new EmpiricalPayoffs(space, replications);
        for (var p = 0; p < space.Count; p++)
        {
            var s = space.Strategies(p);
            payoffs.Add(p, Enumerable.Range(0, space.Players).Select(i => (IReadOnlyList<double>)Enumerable.Range(0, replications)
                .Select(r => mean(s, i) + shock * Math.Sin(r + 1) + wobble * Math.Cos(7 * r + 3 * p + i)).ToList()).ToList());
        }
        return payoffs;
    }

    [Fact]
    public void An_asymmetric_prisoners_dilemma_has_defection_as_its_unique_equilibrium_and_cooperation_dominates_it()
    {
        // Strategy 0 = cooperate, 1 = defect; the two players' numbers differ (asymmetric) but keep the PD order T > R > P > S.
        double[][] r = [[3, 0.5, 4, 1], [2.5, 0.2, 3.3, 1.2]];
        double U(int[] s, int i) { int own = s[i], other = s[1 - i]; return r[i][(own, other) switch { (0, 0) => 0, (0, 1) => 1, (1, 0) => 2, _ => 3 }]; }
        var space = new ProfileSpace([2, 2]);
        var payoffs = Table(space, U);
        int defect = space.Index([1, 1]), cooperate = space.Index([0, 0]);
        Assert.Equal([defect], EquilibriumAnalysis.WithStatus(payoffs, ProfileStatus.Equilibrium));
        Assert.Empty(EquilibriumAnalysis.WithStatus(payoffs, ProfileStatus.Undecided));
        Assert.True(EquilibriumAnalysis.DominatesSignificantly(payoffs, cooperate, defect));
        Assert.DoesNotContain(defect, EquilibriumAnalysis.ParetoOptimal(payoffs));
        Assert.Contains(cooperate, EquilibriumAnalysis.ParetoOptimal(payoffs));
        // From cooperation both players' best responses are to defect, significantly.
        var edges = EquilibriumAnalysis.BestResponses(payoffs, cooperate);
        Assert.Equal(2, edges.Count);
        Assert.All(edges, e => Assert.True(e.Significant));
        Assert.Equal(space.Index([1, 0]), edges[0].To);
        Assert.Equal(space.Index([0, 1]), edges[1].To);
        Assert.Equal(1.0, edges[0].Gain, 1e-2);
        Assert.Equal(0.8, edges[1].Gain, 1e-2);
    }

    [Fact]
    public void A_deviation_whose_gain_interval_contains_zero_leaves_the_profile_undecided()
    {
        var space = new ProfileSpace([2, 2]);
        // Player 0 is indifferent up to noise between its strategies when player 1 plays 0; everything else is strict.
        var payoffs = new EmpiricalPayoffs(space, 3);
        payoffs.Add(space.Index([0, 0]), [[10.0, 10.2, 9.9], [5, 5, 5]]);
        payoffs.Add(space.Index([1, 0]), [[10.1, 10.0, 10.05], [5, 5, 5]]);
        payoffs.Add(space.Index([0, 1]), [[1, 1, 1], [1, 1.1, 0.9]]);
        payoffs.Add(space.Index([1, 1]), [[2, 2, 2], [1, 1.1, 0.9]]);
        Assert.Equal(DeviationVerdict.Undecided, payoffs.Verdict(space.Index([0, 0]), space.Index([1, 0]), 0));
        Assert.Equal(ProfileStatus.Undecided, EquilibriumAnalysis.Status(payoffs, space.Index([0, 0])));
        Assert.Equal(ProfileStatus.Undecided, EquilibriumAnalysis.Status(payoffs, space.Index([1, 0])));
    }

    [Fact]
    public void A_deviation_that_changes_nothing_is_a_tie_and_the_profile_stays_an_equilibrium()
    {
        var space = new ProfileSpace([2, 2]);
        var payoffs = new EmpiricalPayoffs(space, 2);
        payoffs.Add(space.Index([0, 0]), [[4, 4.2], [3, 3.1]]);
        payoffs.Add(space.Index([0, 1]), [[4, 4.2], [3, 3.1]]);      // player 1's move changes nothing
        payoffs.Add(space.Index([1, 0]), [[1, 1.1], [9, 9]]);
        payoffs.Add(space.Index([1, 1]), [[1, 1.1], [0, 0.1]]);
        Assert.Equal(DeviationVerdict.Ties, payoffs.Verdict(space.Index([0, 0]), space.Index([0, 1]), 1));
        Assert.Equal(ProfileStatus.Equilibrium, EquilibriumAnalysis.Status(payoffs, space.Index([0, 0])));
        Assert.Equal(ProfileStatus.Equilibrium, EquilibriumAnalysis.Status(payoffs, space.Index([0, 1])));
    }

    [Theory]
    [InlineData(1, 3, 3, 3)]
    [InlineData(2, 4, 3, 2)]
    [InlineData(3, 2, 5, 3)]
    [InlineData(4, 4, 4, 4)]
    public void Equilibria_of_random_three_player_games_match_a_brute_force_search(int seed, int a, int b, int c)
    {
        var random = new Random(seed);
        var space = new ProfileSpace([a, b, c]);
        var means = Enumerable.Range(0, space.Count).Select(_ => Enumerable.Range(0, 3).Select(_ => random.NextDouble() * 10).ToArray()).ToArray();
        var payoffs = Table(space, (s, i) => means[space.Index(s)][i], wobble: 0.001);
        // Brute force on the means, written independently of ProfileSpace: nested loops over strategies.
        var expected = new List<int>();
        for (var x = 0; x < a; x++)
            for (var y = 0; y < b; y++)
                for (var z = 0; z < c; z++)
                {
                    var m = means[(x * b + y) * c + z];
                    var best = Enumerable.Range(0, a).All(k => k == x || means[(k * b + y) * c + z][0] < m[0])
                        && Enumerable.Range(0, b).All(k => k == y || means[(x * b + k) * c + z][1] < m[1])
                        && Enumerable.Range(0, c).All(k => k == z || means[(x * b + y) * c + k][2] < m[2]);
                    if (best) expected.Add((x * b + y) * c + z);
                }
        Assert.Equal(expected, EquilibriumAnalysis.WithStatus(payoffs, ProfileStatus.Equilibrium));
        var pareto = Enumerable.Range(0, space.Count).Where(p => !Enumerable.Range(0, space.Count)
            .Any(q => q != p && means[q].Zip(means[p]).All(t => t.First >= t.Second) && means[q].Zip(means[p]).Any(t => t.First > t.Second))).ToList();
        Assert.Equal(pareto, EquilibriumAnalysis.ParetoOptimal(payoffs));
    }

    [Fact]
    public void Profile_numbering_round_trips_and_lists_every_unilateral_deviation()
    {
        var space = new ProfileSpace([2, 3, 4]);
        Assert.Equal(24, space.Count);
        for (var p = 0; p < space.Count; p++) Assert.Equal(p, space.Index(space.Strategies(p)));
        Assert.Equal([1, 2, 3], space.Strategies(23));
        var deviations = space.Deviations(space.Index([1, 0, 2])).ToList();
        Assert.Equal(1 + 2 + 3, deviations.Count);
        Assert.All(deviations, d => Assert.Equal(2, space.Strategies(d.Profile).Zip(new[] { 1, 0, 2 }).Count(t => t.First == t.Second)));
    }

    [Fact]
    public void Npv_discounts_month_t_by_the_annual_rate_to_the_power_t_over_12_and_the_window_averages_its_months()
    {
        double[] profit = [100, 10, 20, 30, 40];
        var npv = new PayoffRule(PayoffKind.Npv, 0.1, 1, 4);
        Assert.Equal(10 / Math.Pow(1.1, 1 / 12.0) + 20 / Math.Pow(1.1, 2 / 12.0) + 30 / Math.Pow(1.1, 0.25) + 40 / Math.Pow(1.1, 4 / 12.0), npv.Of(profit), 1e-12);
        Assert.Equal(100, new PayoffRule(PayoffKind.Npv, 0, 1, 4).Of(profit), 1e-12);
        Assert.Equal(35, new PayoffRule(PayoffKind.MeanMonthlyProfit, 0, 3, 4).Of(profit), 1e-12);
    }
}
