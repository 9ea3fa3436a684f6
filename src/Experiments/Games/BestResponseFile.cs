using System.Globalization;
using System.Text;
using MarketSim.Reports.Results;

namespace MarketSim.Experiments.Games;

/// <summary>
/// `best_responses.csv`: the game's best-response graph (<see cref="EquilibriumAnalysis.BestResponseGraph"/>), one row
/// per edge: from each profile run, each player's most profitable deviation among those run when its mean gain is
/// positive, with the gain's 95 % interval and whether it is significant. The same edges as report.html's table, for
/// scripts and graph tools.
/// </summary>
public static class BestResponseFile
{
    /// <summary>File name inside the game's results folder.</summary>
    public const string FileName = "best_responses.csv";

    /// <summary>The header line, in column order.</summary>
    public const string Header = "from_profile,from_index,player,to_profile,to_index,gain_mean,gain_lower,gain_upper,significant";

    /// <summary>Writes the file atomically.</summary>
    public static Task WriteAsync(string path, GameResult result) => AtomicFile.WriteTextAsync(path, Text(result));

    /// <summary>The file's text.</summary>
    public static string Text(GameResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plan = result.Plan;
        var text = new StringBuilder(Header).Append('\n');
        foreach (var e in EquilibriumAnalysis.BestResponseGraph(result.Payoffs))
        {
            text.Append(string.Join(',', Cell(plan.Label(e.From)), e.From.ToString(CultureInfo.InvariantCulture), Cell(plan.Players[e.Player].Name),
                Cell(plan.Label(e.To)), e.To.ToString(CultureInfo.InvariantCulture), Number(e.Gain), Number(e.GainLower), Number(e.GainUpper),
                e.Significant ? "true" : "false")).Append('\n');
        }
        return text.ToString();
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>RFC 4180 quoting where a name needs it.</summary>
    private static string Cell(string value) => value.IndexOfAny([',', '"', '\n']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
