namespace MarketSim.Experiments.Games;

/// <summary>
/// One run reduced to what the game uses: each player's payoff and the stakeholder metrics, means over the payoff's
/// months (money per user per month): the run file's welfare ledger (both consumer surpluses, producer surplus,
/// welfare; producer surplus is the providers' summed profit per user).
/// </summary>
/// <param name="Payoffs">Payoff of each player, player order.</param>
/// <param name="Metrics">Stakeholder metric name to value.</param>
public sealed record RunSummary(IReadOnlyList<double> Payoffs, IReadOnlyDictionary<string, double> Metrics)
{
    /// <summary>Summarises a run of a game.</summary>
    public static RunSummary Of(GameRunFile run, GamePlan plan)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(plan);
        var payoffs = plan.Players.Select(p => plan.Payoff.Of(run.ProfitOf(p.PayoffProviders))).ToList();
        var (from, to) = plan.Payoff.Kind == PayoffKind.Npv ? (1, run.ProfitByProvider.Values.First().Length - 1) : (plan.Payoff.FromMonth, plan.Payoff.ToMonth);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, series) in run.MarketByColumn) metrics[name] = Mean(series, from, to);
        return new RunSummary(payoffs, metrics);
    }

    private static double Mean(double[] series, int from, int to)
    {
        double sum = 0;
        var n = 0;
        for (var t = from; t <= to && t < series.Length; t++)
        {
            if (!double.IsFinite(series[t])) continue;
            sum += series[t];
            n++;
        }
        return n == 0 ? double.NaN : sum / n;
    }
}
