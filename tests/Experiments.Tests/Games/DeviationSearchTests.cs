using MarketSim.Experiments.Games;

namespace MarketSim.Experiments.Tests.Games;

public class DeviationSearchTests
{
    /// <summary>Runs the search to the end against a payoff oracle, as the game runner does batch by batch.</summary>
    private static (EmpiricalPayoffs Payoffs, int Batches) Search(ProfileSpace space, double[][] means)
    {
        var payoffs = new EmpiricalPayoffs(space, 3);
        var batches = 0;
        for (var next = DeviationSearch.Next(payoffs); next.Count > 0; next = DeviationSearch.Next(payoffs))
        {
            batches++;
            foreach (var p in next)
                payoffs.Add(p, Enumerable.Range(0, space.Players).Select(i => (IReadOnlyList<double>)[means[p][i] + 0.001 * i, means[p][i] + 2, means[p][i] - 1]).ToList());
        }
        return (payoffs, batches);
    }

    [Fact]
    public void In_a_large_random_game_the_search_runs_fewer_profiles_and_every_equilibrium_it_reports_is_one()
    {
        var space = new ProfileSpace([4, 4, 4, 4]);
        int runSum = 0, found = 0;
        for (var seed = 1; seed <= 10; seed++)
        {
            var random = new Random(seed);
            var means = Enumerable.Range(0, space.Count).Select(_ => Enumerable.Range(0, 4).Select(_ => random.NextDouble()).ToArray()).ToArray();
            var (payoffs, _) = Search(space, means);
            runSum += payoffs.Profiles.Count();
            foreach (var e in EquilibriumAnalysis.WithStatus(payoffs, ProfileStatus.Equilibrium))
            {
                found++;
                var s = space.Strategies(e);
                for (var i = 0; i < 4; i++)
                    for (var k = 0; k < 4; k++)
                    {
                        if (k == s[i]) continue;
                        var t = (int[])s.Clone();
                        t[i] = k;
                        Assert.True(means[space.Index(t)][i] < means[e][i]);
                    }
            }
        }
        // Random games have long best-response paths; the search still leaves about a fifth of the profiles unrun.
        Assert.True(runSum < 10 * space.Count * 0.85, $"ran {runSum} of {10 * space.Count} profiles");
        Assert.True(found > 0);
    }

    [Fact]
    public void A_dominance_solvable_game_is_solved_by_following_deviations_from_the_first_profile()
    {
        // Every player's payoff rises with its own strategy index, whatever the others do: the last strategies form the
        // unique equilibrium, reached from the start by one best-response step per player.
        var space = new ProfileSpace([3, 3, 3]);
        var means = Enumerable.Range(0, space.Count).Select(p => space.Strategies(p).Select((k, i) => 10.0 * k + p * 0.01 + i).ToArray()).ToArray();
        var (payoffs, _) = Search(space, means);
        Assert.Equal([space.Index([2, 2, 2])], EquilibriumAnalysis.WithStatus(payoffs, ProfileStatus.Equilibrium));
        Assert.True(payoffs.Profiles.Count() < space.Count);
    }

    [Fact]
    public void The_search_is_a_function_of_the_payoffs_known_so_nothing_known_asks_for_the_starts_neighbourhoods()
    {
        var space = new ProfileSpace([2, 3]);
        var next = DeviationSearch.Next(new EmpiricalPayoffs(space, 2));
        var expected = DeviationSearch.Starts(space).SelectMany(s => DeviationSearch.Neighbourhood(space, s)).Distinct().Order().ToList();
        Assert.Equal(expected, next);
        Assert.Equal([space.Index([0, 0]), space.Index([1, 1]), space.Index([1, 2])], DeviationSearch.Starts(space));
    }
}
