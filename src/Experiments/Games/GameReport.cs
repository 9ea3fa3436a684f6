using System.Globalization;
using System.Net;
using System.Text;
using MarketSim.Reports.Results;

namespace MarketSim.Experiments.Games;

/// <summary>
/// `game/report.html`: one self-contained page: the plain-language findings; the payoff matrix as a heat map (two
/// players; with more, one slice per strategy combination of the others), each cell split between the two players'
/// payoffs and coloured by where each lies between that player's lowest and highest mean, equilibria outlined, the
/// significant best responses written in the cells; every profile with its status and regret; the best-response graph;
/// and the stakeholder table of each equilibrium against the reference market.
/// </summary>
public static class GameReport
{
    /// <summary>Folder (inside the game's results folder) of the page.</summary>
    public const string Folder = "game";

    /// <summary>Most slices drawn for games of more than two players.</summary>
    public const int MaxSlices = 24;

    /// <summary>Writes the page atomically and returns its path.</summary>
    public static async Task<string> WriteAsync(string folder, GameResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var path = Path.Combine(folder, Folder, "report.html");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await AtomicFile.WriteTextAsync(path, Html(result)).ConfigureAwait(false);
        return path;
    }

    /// <summary>The page.</summary>
    public static string Html(GameResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plan = result.Plan;
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").Append(E(plan.Name)).Append(" — game</title><style>")
         .Append("body{font-family:sans-serif;margin:2em;max-width:1300px}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:4px 8px;font-size:13px;text-align:right}")
         .Append("th{background:#eee}td.l,th.l{text-align:left}.cell{min-width:210px;text-align:center}.eq{outline:4px solid #000;outline-offset:-4px}.und{outline:3px dashed #000;outline-offset:-3px}")
         .Append(".br{font-size:11px;color:#222}.key span{display:inline-block;width:14px;height:14px;vertical-align:middle;margin:0 4px}</style></head><body>");
        h.Append("<h1>Business-model game: ").Append(E(plan.Name)).Append("</h1>");
        h.Append("<p>File <code>").Append(E(plan.File)).Append("</code>. Players: ")
         .Append(E(string.Join("; ", plan.Players.Select(p => $"{p.Name} ({string.Join(", ", p.Strategies.Select(s => s.Name))})")))).Append(".</p>");
        h.Append("<h2>Summary</h2><ul>");
        foreach (var line in GameText.Findings(result)) h.Append("<li>").Append(E(line)).Append("</li>");
        h.Append("</ul>");
        Matrices(h, result);
        Profiles(h, result);
        Graph(h, result);
        Stakeholders(h, result);
        h.Append("</body></html>\n");
        return h.ToString();
    }

    private static void Matrices(StringBuilder h, GameResult result)
    {
        var plan = result.Plan;
        var space = plan.Space;
        h.Append("<h2>Payoff matrix</h2><p class=\"key\">Each cell: left half ").Append(E(plan.Players[0].Name)).Append("'s payoff, right half ")
         .Append(E(plan.Players[1].Name)).Append("'s (mean over replications); colour from <span style=\"background:")
         .Append(Colour(0)).Append("\"></span>that player's lowest to <span style=\"background:").Append(Colour(1))
         .Append("\"></span>its highest mean. <b>Solid outline</b>: equilibrium at 95 %; <b>dashed</b>: undecided; arrows: significant best responses; grey: not run.</p>");
        var ranges = Enumerable.Range(0, plan.Players.Count).Select(i =>
        {
            var means = result.Payoffs.Profiles.Select(p => result.Payoffs.Interval(p, i).Mean).ToList();
            return (Min: means.Min(), Max: means.Max());
        }).ToList();
        var others = space.Count / (space.StrategyCount(0) * space.StrategyCount(1));
        for (var slice = 0; slice < Math.Min(others, MaxSlices); slice++)
        {
            var rest = Rest(space, slice);
            if (plan.Players.Count > 2)
                h.Append("<h3>").Append(E(string.Join(", ", rest.Select((k, j) => $"{plan.Players[j + 2].Name}: {plan.Players[j + 2].Strategies[k].Name}")))).Append("</h3>");
            h.Append("<table><tr><th class=\"l\">").Append(E(plan.Players[0].Name)).Append(" \\ ").Append(E(plan.Players[1].Name)).Append("</th>");
            foreach (var s in plan.Players[1].Strategies) h.Append("<th>").Append(E(s.Name)).Append("</th>");
            h.Append("</tr>");
            for (var a = 0; a < space.StrategyCount(0); a++)
            {
                h.Append("<tr><th class=\"l\">").Append(E(plan.Players[0].Strategies[a].Name)).Append("</th>");
                for (var b = 0; b < space.StrategyCount(1); b++)
                {
                    var profile = space.Index(new[] { a, b }.Concat(rest).ToArray());
                    Cell(h, result, profile, ranges);
                }
                h.Append("</tr>");
            }
            h.Append("</table>");
        }
        if (others > MaxSlices) h.Append("<p>").Append(others - MaxSlices).Append(" further slices are left out; every profile is in the table below and in payoffs.parquet.</p>");
    }

    private static void Cell(StringBuilder h, GameResult result, int profile, List<(double Min, double Max)> ranges)
    {
        var plan = result.Plan;
        if (!result.Payoffs.Has(profile))
        {
            h.Append("<td class=\"cell\" style=\"background:#ddd\">not run</td>");
            return;
        }
        var status = EquilibriumAnalysis.Status(result.Payoffs, profile);
        var left = Colour(Scale(result.Payoffs.Interval(profile, 0).Mean, ranges[0]));
        var right = Colour(Scale(result.Payoffs.Interval(profile, 1).Mean, ranges[1]));
        h.Append("<td class=\"cell").Append(status == ProfileStatus.Equilibrium ? " eq" : status == ProfileStatus.Undecided ? " und" : "")
         .Append("\" style=\"background:linear-gradient(to right,").Append(left).Append(" 50%,").Append(right).Append(" 50%)\">")
         .Append(E(GameText.Interval(result.Payoffs.Interval(profile, 0)))).Append("<br>").Append(E(GameText.Interval(result.Payoffs.Interval(profile, 1))));
        foreach (var edge in EquilibriumAnalysis.BestResponses(result.Payoffs, profile).Where(e => e.Significant))
        {
            var arrow = edge.Player == 0 ? "↕" : edge.Player == 1 ? "↔" : "→";
            h.Append("<div class=\"br\">").Append(arrow).Append(' ').Append(E(plan.Players[edge.Player].Name)).Append(" → ")
             .Append(E(plan.Players[edge.Player].Strategies[plan.Space.Strategies(edge.To)[edge.Player]].Name)).Append(" (+").Append(E(GameText.Number(edge.Gain))).Append(")</div>");
        }
        if (status == ProfileStatus.Equilibrium) h.Append("<div><b>★ equilibrium</b></div>");
        if (status == ProfileStatus.Undecided) h.Append("<div><b>? undecided</b></div>");
        h.Append("</td>");
    }

    private static void Profiles(StringBuilder h, GameResult result)
    {
        var plan = result.Plan;
        var pareto = EquilibriumAnalysis.ParetoOptimal(result.Payoffs).ToHashSet();
        h.Append("<h2>Every profile run</h2><p>Payoffs: mean [95 % interval] over replications. Regret: the largest mean gain of a unilateral deviation.</p><table><tr><th class=\"l\">profile</th>");
        foreach (var p in plan.Players) h.Append("<th>").Append(E(p.Name)).Append("</th>");
        h.Append("<th class=\"l\">status</th><th>regret</th><th class=\"l\">Pareto-optimal</th></tr>");
        foreach (var profile in result.Payoffs.Profiles)
        {
            h.Append("<tr><td class=\"l\">").Append(E(plan.Label(profile))).Append("</td>");
            for (var i = 0; i < plan.Players.Count; i++) h.Append("<td>").Append(E(GameText.Interval(result.Payoffs.Interval(profile, i)))).Append("</td>");
            h.Append("<td class=\"l\">").Append(PayoffsFile.StatusName(EquilibriumAnalysis.Status(result.Payoffs, profile)).Replace('_', ' ')).Append("</td><td>")
             .Append(E(GameText.Number(EquilibriumAnalysis.Regret(result.Payoffs, profile)))).Append("</td><td class=\"l\">").Append(pareto.Contains(profile) ? "yes" : "").Append("</td></tr>");
        }
        h.Append("</table>");
    }

    private static void Graph(StringBuilder h, GameResult result)
    {
        var plan = result.Plan;
        h.Append("<h2>Best-response graph</h2><p>From each profile, each player's most profitable deviation when its mean gain is positive; significant when its 95 % interval lies above 0.</p>")
         .Append("<table><tr><th class=\"l\">from</th><th class=\"l\">player</th><th class=\"l\">to</th><th>gain [95 %]</th><th class=\"l\">significant</th></tr>");
        foreach (var e in EquilibriumAnalysis.BestResponseGraph(result.Payoffs))
        {
            h.Append("<tr><td class=\"l\">").Append(E(plan.Label(e.From))).Append("</td><td class=\"l\">").Append(E(plan.Players[e.Player].Name))
             .Append("</td><td class=\"l\">").Append(E(plan.Label(e.To))).Append("</td><td>").Append(E($"{GameText.Number(e.Gain)} [{GameText.Number(e.GainLower)}, {GameText.Number(e.GainUpper)}]"))
             .Append("</td><td class=\"l\">").Append(e.Significant ? "yes" : "no").Append("</td></tr>");
        }
        h.Append("</table>");
    }

    private static void Stakeholders(StringBuilder h, GameResult result)
    {
        var plan = result.Plan;
        var shown = EquilibriumAnalysis.WithStatus(result.Payoffs, ProfileStatus.Equilibrium).Concat(EquilibriumAnalysis.WithStatus(result.Payoffs, ProfileStatus.Undecided)).ToList();
        h.Append("<h2>Stakeholders at each equilibrium</h2><p>Means over the payoff's months, money per user per month; ")
         .Append(result.Reference.Count > 0 ? "the reference market (game.reference, the market without MPTCP) ran on the same seeds; differences are paired, with 95 % intervals." : "the file has no game.reference, so there is no comparison.")
         .Append(" Columns are shown as the run files have them.</p>");
        if (shown.Count == 0) h.Append("<p>No equilibrium or undecided profile.</p>");
        foreach (var profile in shown)
        {
            h.Append("<h3>").Append(E(GameText.Profile(plan, profile))).Append("</h3><table><tr><th class=\"l\">metric</th><th>equilibrium</th><th>reference</th><th>difference [95 %]</th></tr>");
            foreach (var row in StakeholderTable.Of(result, profile))
            {
                h.Append("<tr><td class=\"l\">").Append(E(row.Metric.Replace('_', ' '))).Append("</td><td>").Append(E(GameText.Number(row.Mean))).Append("</td><td>")
                 .Append(E(GameText.Number(row.ReferenceMean))).Append("</td><td>").Append(E(GameText.Interval(row.Difference))).Append("</td></tr>");
            }
            h.Append("</table>");
        }
    }

    private static int[] Rest(ProfileSpace space, int slice)
    {
        var rest = new int[space.Players - 2];
        for (var j = rest.Length - 1; j >= 0; j--)
        {
            rest[j] = slice % space.StrategyCount(j + 2);
            slice /= space.StrategyCount(j + 2);
        }
        return rest;
    }

    private static double Scale(double x, (double Min, double Max) range) => range.Max > range.Min ? (x - range.Min) / (range.Max - range.Min) : 0.5;

    /// <summary>Light red (0) through light yellow to light green (1).</summary>
    private static string Colour(double t)
    {
        t = Math.Clamp(t, 0, 1);
        var r = t < 0.5 ? 245 : (int)(245 - (t - 0.5) * 2 * 110);
        var g = t < 0.5 ? (int)(150 + t * 2 * 90) : 240;
        return string.Create(CultureInfo.InvariantCulture, $"rgb({r},{g},150)");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
