using System.Globalization;
using System.Net;

namespace MarketSim.Reports;

/// <summary>Whether a stakeholder's paired difference is supported by the replications, and in which direction.</summary>
public enum Outcome
{
    /// <summary>The 95 % interval lies above zero.</summary>
    Gains,

    /// <summary>The 95 % interval lies below zero.</summary>
    Loses,

    /// <summary>The interval contains zero, or there are too few replications to say.</summary>
    NoClearChange,
}

/// <summary>One stakeholder's verdict: who, by which measure, the paired difference and what it says.</summary>
/// <param name="Stakeholder">A provider's name, "users" or "market".</param>
/// <param name="Statistic">The measure the verdict is taken on.</param>
/// <param name="Difference">Paired difference (policy − reference) with its 95 % interval.</param>
public readonly record struct StakeholderVerdict(string Stakeholder, RunStatistic Statistic, ConfidenceInterval Difference)
{
    /// <summary>The verdict read off the interval.</summary>
    public Outcome Outcome => !Difference.HasWidth || !double.IsFinite(Difference.HalfWidth) ? Outcome.NoClearChange
        : Difference.Lower > 0 ? Outcome.Gains
        : Difference.Upper < 0 ? Outcome.Loses
        : Outcome.NoClearChange;
}

/// <summary>
/// The business case of a policy, stakeholder by stakeholder (the paper's test: "a business case positive for all
/// stakeholders"): for every provider its net present value over the run and mean profit per month, for the users their
/// consumer surplus (realised, and the option value), for the market producer surplus and welfare, each as the paired
/// difference against the reference policy with its 95 % interval, and one verdict line. A provider that exists only
/// under the policy (an entrant) is compared with zero: its own value under the policy.
/// </summary>
public static class StakeholderTable
{
    /// <summary>Name of the users' row.</summary>
    public const string Users = "users";

    /// <summary>Name of the market's row.</summary>
    public const string Market = "market";

    /// <summary>The verdicts of a policy at a point: each provider on its net present value, users on realised
    /// consumer surplus, the market on welfare.</summary>
    public static IReadOnlyList<StakeholderVerdict> Verdicts(SweepStatistics stats, int point, string policy)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var verdicts = stats.Providers
            .Select(p => Verdict(stats, point, policy, p, new RunStatistic(new Series(Metric.Npv, p), Reduction.Final))).ToList();
        verdicts.Add(Verdict(stats, point, policy, Users, new RunStatistic(new Series(Metric.RealisedSurplus, null), Reduction.Mean)));
        verdicts.Add(Verdict(stats, point, policy, Market, new RunStatistic(new Series(Metric.Welfare, null), Reduction.Mean)));
        return verdicts;
    }

    /// <summary>
    /// "Positive for every stakeholder." or who loses, who gains and who sees no clear change; when users gain while
    /// some provider loses and welfare does not rise, it says the policy moves money from providers to users.
    /// </summary>
    public static string VerdictLine(IReadOnlyList<StakeholderVerdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        if (verdicts.All(v => v.Outcome == Outcome.Gains)) return "Positive for every stakeholder.";
        string Names(Outcome outcome) => string.Join(", ", verdicts.Where(v => v.Outcome == outcome).Select(v => v.Stakeholder));
        var parts = new List<string>();
        foreach (var (outcome, word) in new[] { (Outcome.Loses, "loses"), (Outcome.Gains, "gains"), (Outcome.NoClearChange, "no clear change") })
        {
            var names = Names(outcome);
            if (names.Length > 0) parts.Add($"{word}: {names}");
        }
        var line = "Not positive for every stakeholder. " + string.Join("; ", parts) + ".";
        var users = verdicts.First(v => v.Stakeholder == Users);
        var market = verdicts.First(v => v.Stakeholder == Market);
        var providerLoses = verdicts.Any(v => v.Stakeholder is not (Users or Market) && v.Outcome == Outcome.Loses);
        if (users.Outcome == Outcome.Gains && providerLoses && market.Outcome != Outcome.Gains)
            line += market.Outcome == Outcome.Loses
                ? " Users gain less than providers lose: the policy moves money from providers to users and welfare falls."
                : " The policy moves money from providers to users: welfare does not rise.";
        return line;
    }

    /// <summary>The table for every non-reference policy at a point, as HTML, each followed by its verdict line.</summary>
    public static string Html(SweepStatistics stats, int point)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var html = new System.Text.StringBuilder();
        foreach (var policy in stats.Policies.Skip(1))
        {
            html.Append(CultureInfo.InvariantCulture, $"<h3>Business case: {E(policy)} − {E(stats.Reference)}, stakeholder by stakeholder (paired, mean ± 95 % CI)</h3>\n");
            html.Append("<table class=\"stakeholders\">\n<tr><th>stakeholder</th><th>net present value over the run (money)</th><th>profit (money per month)</th>"
                + "<th>consumer surplus, realised (money per user per month)</th><th>consumer surplus, option value</th><th>producer surplus (money per user per month)</th>"
                + "<th>welfare (money per user per month)</th><th>verdict</th></tr>\n");
            var verdicts = Verdicts(stats, point, policy);
            string Cell(Series series, Reduction reduction) => $"<td>{ReportText.Interval(Difference(stats, point, policy, new RunStatistic(series, reduction)))}</td>";
            const string Empty = "<td></td>";
            foreach (var verdict in verdicts)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(verdict.Stakeholder)}</td>");
                if (verdict.Stakeholder == Users)
                {
                    html.Append(Empty).Append(Empty).Append(Cell(new Series(Metric.RealisedSurplus, null), Reduction.Mean))
                        .Append(Cell(new Series(Metric.ConsumerSurplus, null), Reduction.Mean)).Append(Empty).Append(Empty);
                }
                else if (verdict.Stakeholder == Market)
                {
                    html.Append(Empty).Append(Empty).Append(Empty).Append(Empty)
                        .Append(Cell(new Series(Metric.ProducerSurplus, null), Reduction.Mean)).Append(Cell(new Series(Metric.Welfare, null), Reduction.Mean));
                }
                else
                {
                    html.Append(Cell(new Series(Metric.Npv, verdict.Stakeholder), Reduction.Final)).Append(Cell(new Series(Metric.Profit, verdict.Stakeholder), Reduction.Mean))
                        .Append(Empty).Append(Empty).Append(Empty).Append(Empty);
                }
                html.Append(CultureInfo.InvariantCulture, $"<td>{Word(verdict.Outcome)}</td></tr>\n");
            }
            html.Append("</table>\n");
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"verdict\"><strong>Verdict ({E(policy)} against {E(stats.Reference)}):</strong> {E(VerdictLine(verdicts))}</p>\n");
        }
        return html.ToString();
    }

    private static string Word(Outcome outcome) => outcome switch
    {
        Outcome.Gains => "gains",
        Outcome.Loses => "loses",
        _ => "no clear change",
    };

    // A provider the reference market does not have (an entrant: a VMPO, a bundle) earns nothing there, so its
    // difference is its own value under the policy.
    private static StakeholderVerdict Verdict(SweepStatistics stats, int point, string policy, string stakeholder, RunStatistic statistic)
        => new(stakeholder, statistic, Difference(stats, point, policy, statistic));

    private static ConfidenceInterval Difference(SweepStatistics stats, int point, string policy, RunStatistic statistic)
    {
        var paired = stats.StatisticDifference(point, policy, statistic);
        if (paired.N > 0 || statistic.Series.Provider is null) return paired;
        return double.IsFinite(stats.Statistic(point, stats.Reference, statistic).Mean) ? paired : stats.Statistic(point, policy, statistic);
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
