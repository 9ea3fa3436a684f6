using System.Globalization;
using MarketSim.Reports.Results;

namespace MarketSim.Reports;

/// <summary>
/// The scalar output a sensitivity analysis explains: one column of the run files averaged over a window of months
/// (and, with <see cref="Provider"/>, over that provider's rows only; otherwise over every provider's rows, which for
/// market-wide columns such as welfare is the column itself), for one policy or as the paired difference
/// between two policies on the same seeds.
/// </summary>
/// <param name="Column">Any numeric column of runs/*.parquet, e.g. welfare, consumer_surplus_realised, share, price.</param>
/// <param name="Provider">Only this provider's rows; null for all rows.</param>
/// <param name="From">First month of the window (inclusive); null: month 1.</param>
/// <param name="To">Last month of the window (inclusive); null: the last month of the runs.</param>
/// <param name="Policy">The policy analysed; with <see cref="Reference"/>, the policy minus the reference.</param>
/// <param name="Reference">The policy subtracted (paired difference), or null.</param>
public sealed record SensitivityMetric(string Column, string? Provider, int? From, int? To, string? Policy, string? Reference)
{
    /// <summary>The metric analysed when none is named.</summary>
    public const string DefaultColumn = "welfare";

    /// <summary>"FROM:TO" (months, inclusive) → bounds; bad text is bad input naming --window.</summary>
    public static (int From, int To) ParseWindow(string text)
    {
        var parts = text.Split(':');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var from)
            && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var to) && from >= 0 && from <= to)
            return (from, to);
        throw new ConfigException("command line", 0, "--window", $"value '{text}' is not a window; accepted: FROM:TO, whole months with 0 <= FROM <= TO, e.g. 12:48");
    }

    /// <summary>"A-B" → (A, B) where both are policies of the sweep (policy names may contain '-', so every split is tried).</summary>
    public static (string Policy, string Reference) ParseDifference(string text, IReadOnlyList<string> policies)
    {
        var matches = Enumerable.Range(1, Math.Max(0, text.Length - 2))
            .Where(i => text[i] == '-')
            .Select(i => (text[..i], text[(i + 1)..]))
            .Where(x => policies.Contains(x.Item1) && policies.Contains(x.Item2) && x.Item1 != x.Item2)
            .ToList();
        return matches.Count == 1 ? matches[0]
            : throw new ConfigException("command line", 0, "--policy-difference",
                $"value '{text}' does not name two different policies of this sweep as POLICY-REFERENCE; accepted policies: {string.Join(", ", policies)} (e.g. {Example(policies)})");
    }

    /// <summary>A label for tables and charts, e.g. "consumer_surplus, months 12-48, performance − flat".</summary>
    public string Describe(int from, int to)
    {
        var who = Provider is null ? "" : $" of {Provider}";
        var policy = Reference is null ? Policy ?? "" : $"{Policy} − {Reference}";
        return string.Create(CultureInfo.InvariantCulture, $"{Column}{who}, months {from}-{to}, {policy}");
    }

    private static string Example(IReadOnlyList<string> policies)
        => policies.Count >= 2 ? $"{policies[1]}-{policies[0]}" : "performance-flat";
}
