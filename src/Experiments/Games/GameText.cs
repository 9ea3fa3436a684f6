using System.Globalization;
using MarketSim.Reports;

namespace MarketSim.Experiments.Games;

/// <summary>The plain-language findings of a game, shared by the report page and the command's output.</summary>
public static class GameText
{
    /// <summary>A number as the report prints it: thousands separated when large.</summary>
    public static string Number(double x) => double.IsNaN(x) ? "–"
        : Math.Abs(x) >= 10_000 ? x.ToString("#,0", CultureInfo.InvariantCulture)
        : Math.Abs(x) >= 100 ? x.ToString("0.0", CultureInfo.InvariantCulture)
        : x.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>"mean [lower, upper]".</summary>
    public static string Interval(ConfidenceInterval c) => c.HasWidth ? $"{Number(c.Mean)} [{Number(c.Lower)}, {Number(c.Upper)}]" : Number(c.Mean);

    /// <summary>"(flat, performance)".</summary>
    public static string Profile(GamePlan plan, int profile)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var s = plan.Space.Strategies(profile);
        return "(" + string.Join(", ", s.Select((k, i) => $"{plan.Players[i].Name}: {plan.Players[i].Strategies[k].Name}")) + ")";
    }

    /// <summary>The findings, one sentence per line.</summary>
    public static IReadOnlyList<string> Findings(GameResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plan = result.Plan;
        var p = result.Payoffs;
        var lines = new List<string>();
        var run = p.Profiles.Count();
        lines.Add($"{run} of {plan.Space.Count} strategy profiles run ({(plan.Search == GameSearch.Exhaustive ? "all" : "deviation-following search")}), "
            + $"{plan.Replications} replications each on common random numbers; payoff: {plan.Payoff.Describe()}.");
        var equilibria = EquilibriumAnalysis.WithStatus(p, ProfileStatus.Equilibrium);
        var undecided = EquilibriumAnalysis.WithStatus(p, ProfileStatus.Undecided);
        if (equilibria.Count == 0 && undecided.Count == 0)
            lines.Add("No pure-strategy equilibrium: in every profile run some provider gains significantly (95 %) by changing its strategy.");
        foreach (var e in equilibria)
            lines.Add($"Equilibrium {Profile(plan, e)}: no provider gains by deviating alone (every deviation loses significantly at 95 %{(Weak(p, e) ? ", or changes nothing" : "")}); payoffs " + Payoffs(result, e) + ".");
        foreach (var u in undecided)
            lines.Add($"Undecided {Profile(plan, u)}: no deviation gains significantly, but the 95 % interval of some deviation's gain contains 0 ({UndecidedDeviations(result, u)}); more replications would settle it. Payoffs " + Payoffs(result, u) + ".");
        if (equilibria.Count == 1 && undecided.Count == 0 && plan.Search == GameSearch.Exhaustive)
            lines.Add("The equilibrium is unique among pure strategies.");
        var pareto = EquilibriumAnalysis.ParetoOptimal(p);
        lines.Add($"Pareto-optimal profiles (on mean payoffs): {string.Join("; ", pareto.Select(x => Profile(plan, x)))}.");
        foreach (var e in equilibria.Concat(undecided))
        {
            foreach (var better in p.Profiles.Where(x => EquilibriumAnalysis.DominatesSignificantly(p, x, e)))
            {
                lines.Add(equilibria.Contains(better) || undecided.Contains(better)
                    ? $"{Profile(plan, better)} is better for every provider than {Profile(plan, e)} (significant at 95 %) and is an equilibrium too: the providers face a coordination problem."
                    : $"{Profile(plan, better)} is better for every provider than {Profile(plan, e)} (significant at 95 %), yet some provider gains by leaving it: a prisoner's dilemma.");
            }
        }
        if (result.Reference.Count > 0)
        {
            foreach (var e in equilibria.Concat(undecided))
            {
                var rows = StakeholderTable.Of(result, e).Where(r => r.Metric is "consumer_surplus_realised" or "welfare");
                lines.Add($"At {Profile(plan, e)} against the reference market: " + string.Join("; ", rows.Select(r =>
                    $"{r.Metric.Replace('_', ' ')} {Number(r.Mean)} vs {Number(r.ReferenceMean)} (difference {Interval(r.Difference)})")) + " money per user per month.");
            }
        }
        return lines;
    }

    private static bool Weak(EmpiricalPayoffs p, int profile)
        => p.Space.Deviations(profile).Any(d => p.Verdict(profile, d.Profile, d.Player) == DeviationVerdict.Ties);

    private static string Payoffs(GameResult result, int profile)
        => string.Join(", ", result.Plan.Players.Select((pl, i) => $"{pl.Name} {Interval(result.Payoffs.Interval(profile, i))}"));

    private static string UndecidedDeviations(GameResult result, int profile)
    {
        var plan = result.Plan;
        return string.Join("; ", plan.Space.Deviations(profile)
            .Where(d => result.Payoffs.Verdict(profile, d.Profile, d.Player) == DeviationVerdict.Undecided)
            .Select(d => $"{plan.Players[d.Player].Name} to {plan.Players[d.Player].Strategies[d.Strategy].Name}: gain {Interval(result.Payoffs.Gain(profile, d.Profile, d.Player))}"));
    }
}
