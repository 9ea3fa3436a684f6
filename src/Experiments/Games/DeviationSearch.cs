namespace MarketSim.Experiments.Games;

/// <summary>
/// Deviation-following search for games too large to run whole: from each start, run the profile and all its
/// unilateral deviations; if some player gains significantly, move to the deviation with the largest significant
/// mean gain (ties: lowest player, then strategy) and repeat; stop at a profile no deviation refutes (a confirmed or
/// undecided equilibrium) or when the walk returns to a profile it visited (a best-response cycle). The walks
/// advance in lock step and the search is replayed from the payoffs known so far, so it is a pure function of them:
/// the same payoffs ask for the same next profiles, which makes a resumed game identical to an uninterrupted one.
/// Equilibria no walk reaches are not found; exhaustive search finds all.
/// </summary>
public static class DeviationSearch
{
    /// <summary>The starts: for k = 0, 1, ... every player plays its k-th strategy (its last when it has fewer).</summary>
    public static IReadOnlyList<int> Starts(ProfileSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        var most = Enumerable.Range(0, space.Players).Max(space.StrategyCount);
        return Enumerable.Range(0, most)
            .Select(k => space.Index(Enumerable.Range(0, space.Players).Select(i => Math.Min(k, space.StrategyCount(i) - 1)).ToArray()))
            .Distinct().ToList();
    }

    /// <summary>The profiles to run next (none when the search is finished), in increasing order.</summary>
    public static IReadOnlyList<int> Next(EmpiricalPayoffs payoffs)
    {
        ArgumentNullException.ThrowIfNull(payoffs);
        var needed = new SortedSet<int>();
        foreach (var start in Starts(payoffs.Space))
        {
            var visited = new HashSet<int>();
            var current = start;
            while (visited.Add(current))
            {
                var missing = Neighbourhood(payoffs.Space, current).Where(p => !payoffs.Has(p)).ToList();
                if (missing.Count > 0)
                {
                    needed.UnionWith(missing);
                    break;
                }
                var next = BestSignificantDeviation(payoffs, current);
                if (next is null) break;
                current = next.Value;
            }
        }
        return needed.ToList();
    }

    /// <summary>A profile and its unilateral deviations.</summary>
    public static IEnumerable<int> Neighbourhood(ProfileSpace space, int profile)
    {
        ArgumentNullException.ThrowIfNull(space);
        yield return profile;
        foreach (var d in space.Deviations(profile)) yield return d.Profile;
    }

    private static int? BestSignificantDeviation(EmpiricalPayoffs payoffs, int profile)
    {
        int? best = null;
        var bestGain = double.NegativeInfinity;
        foreach (var (player, _, to) in payoffs.Space.Deviations(profile))
        {
            if (payoffs.Verdict(profile, to, player) != DeviationVerdict.Gains) continue;
            var gain = payoffs.Gain(profile, to, player).Mean;
            if (gain > bestGain)
            {
                best = to;
                bestGain = gain;
            }
        }
        return best;
    }
}
