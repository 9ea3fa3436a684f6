namespace MarketSim.Experiments.Games;

/// <summary>What the measured payoffs say about a profile.</summary>
public enum ProfileStatus
{
    /// <summary>Every unilateral deviation loses significantly (or changes nothing): a pure-strategy Nash equilibrium at 95 %.</summary>
    Equilibrium,

    /// <summary>No deviation gains significantly, but some interval contains 0: more replications could go either way.</summary>
    Undecided,

    /// <summary>Some player gains significantly by deviating.</summary>
    NotEquilibrium,

    /// <summary>Not all deviations were run (deviation search) and none of those run gains significantly.</summary>
    Unexamined,
}

/// <summary>An edge of the best-response graph: <see cref="Player"/> moves from <see cref="From"/> to its best
/// deviation <see cref="To"/> (largest mean gain), significant when its 95 % interval lies above 0.</summary>
public sealed record BestResponseEdge(int From, int To, int Player, double Gain, double GainLower, double GainUpper, bool Significant);

/// <summary>
/// Pure-strategy analysis of an empirical game (Wellman 2006): equilibria with statistical confidence, the
/// best-response graph, regret and Pareto-optimal profiles, from the payoffs measured so far. No I/O.
/// </summary>
public static class EquilibriumAnalysis
{
    /// <summary>The status of <paramref name="profile"/>.</summary>
    public static ProfileStatus Status(EmpiricalPayoffs payoffs, int profile)
    {
        ArgumentNullException.ThrowIfNull(payoffs);
        bool complete = true, undecided = false;
        foreach (var (player, _, to) in payoffs.Space.Deviations(profile))
        {
            if (!payoffs.Has(to))
            {
                complete = false;
                continue;
            }
            switch (payoffs.Verdict(profile, to, player))
            {
                case DeviationVerdict.Gains: return ProfileStatus.NotEquilibrium;
                case DeviationVerdict.Undecided: undecided = true; break;
            }
        }
        if (!complete) return ProfileStatus.Unexamined;
        return undecided ? ProfileStatus.Undecided : ProfileStatus.Equilibrium;
    }

    /// <summary>True when every deviation from <paramref name="profile"/> has been run.</summary>
    public static bool Examined(EmpiricalPayoffs payoffs, int profile)
    {
        ArgumentNullException.ThrowIfNull(payoffs);
        return payoffs.Has(profile) && payoffs.Space.Deviations(profile).All(d => payoffs.Has(d.Profile));
    }

    /// <summary>Profiles of the given status among those run, in profile order.</summary>
    public static IReadOnlyList<int> WithStatus(EmpiricalPayoffs payoffs, ProfileStatus status)
    {
        ArgumentNullException.ThrowIfNull(payoffs);
        return payoffs.Profiles.Where(p => Status(payoffs, p) == status).ToList();
    }

    /// <summary>Each player's best run deviation from <paramref name="profile"/> when its mean gain is positive.</summary>
    public static IReadOnlyList<BestResponseEdge> BestResponses(EmpiricalPayoffs payoffs, int profile)
    {
        ArgumentNullException.ThrowIfNull(payoffs);
        var edges = new List<BestResponseEdge>();
        for (var player = 0; player < payoffs.Space.Players; player++)
        {
            BestResponseEdge? best = null;
            foreach (var (i, _, to) in payoffs.Space.Deviations(profile))
            {
                if (i != player || !payoffs.Has(to)) continue;
                var gain = payoffs.Gain(profile, to, player);
                if (!(gain.Mean > 0) || (best is not null && gain.Mean <= best.Gain)) continue;
                best = new BestResponseEdge(profile, to, player, gain.Mean, gain.Lower, gain.Upper,
                    payoffs.Verdict(profile, to, player) == DeviationVerdict.Gains);
            }
            if (best is not null) edges.Add(best);
        }
        return edges;
    }

    /// <summary>The best-response graph over every profile run.</summary>
    public static IReadOnlyList<BestResponseEdge> BestResponseGraph(EmpiricalPayoffs payoffs)
    {
        ArgumentNullException.ThrowIfNull(payoffs);
        return payoffs.Profiles.SelectMany(p => BestResponses(payoffs, p)).ToList();
    }

    /// <summary>Regret of a profile: the largest mean gain of any run unilateral deviation (0 when none gains on average).</summary>
    public static double Regret(EmpiricalPayoffs payoffs, int profile)
        => BestResponses(payoffs, profile).Select(e => e.Gain).DefaultIfEmpty(0).Max();

    /// <summary>True when <paramref name="a"/> Pareto-dominates <paramref name="b"/> on mean payoffs: no player worse, one better.</summary>
    public static bool Dominates(EmpiricalPayoffs payoffs, int a, int b)
    {
        ArgumentNullException.ThrowIfNull(payoffs);
        var better = false;
        for (var i = 0; i < payoffs.Space.Players; i++)
        {
            double ma = payoffs.Interval(a, i).Mean, mb = payoffs.Interval(b, i).Mean;
            if (ma < mb) return false;
            better |= ma > mb;
        }
        return better;
    }

    /// <summary>True when every player gains significantly (paired 95 % interval above 0) from <paramref name="b"/> to <paramref name="a"/>.</summary>
    public static bool DominatesSignificantly(EmpiricalPayoffs payoffs, int a, int b)
    {
        ArgumentNullException.ThrowIfNull(payoffs);
        return Enumerable.Range(0, payoffs.Space.Players).All(i => payoffs.Verdict(b, a, i) == DeviationVerdict.Gains);
    }

    /// <summary>Profiles run that no other profile run Pareto-dominates on means.</summary>
    public static IReadOnlyList<int> ParetoOptimal(EmpiricalPayoffs payoffs)
    {
        ArgumentNullException.ThrowIfNull(payoffs);
        var run = payoffs.Profiles.ToList();
        return run.Where(b => !run.Any(a => a != b && Dominates(payoffs, a, b))).ToList();
    }
}
