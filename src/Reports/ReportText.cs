using System.Globalization;
using System.Text;

namespace MarketSim.Reports;

/// <summary>Wording shared by figures and the page, so a figure's title and its table heading agree.</summary>
public static class ReportText
{
    /// <summary>"Point 3 (users.inertia = 0.5, users.count = 1000)": the point with its swept values.</summary>
    public static string PointTitle(SweepStatistics stats, int point)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var values = stats.PointParameters(point);
        var label = string.Create(CultureInfo.InvariantCulture, $"Point {point}");
        return values.Count == 0 ? label : $"{label} ({string.Join(", ", values.Select(v => $"{v.Key} = {v.Value}"))})";
    }

    /// <summary>"mean ± half-width" with three decimals; "mean (n=1)" without a width, "–" without data.</summary>
    public static string Interval(ConfidenceInterval ci)
    {
        if (ci.N == 0 || !double.IsFinite(ci.Mean)) return "–";
        if (!ci.HasWidth) return string.Create(CultureInfo.InvariantCulture, $"{ci.Mean:F3} (n=1)");
        return string.Create(CultureInfo.InvariantCulture, $"{ci.Mean:F3} ± {ci.HalfWidth:F3}");
    }

    /// <summary>A name made safe for a file name: letters, digits, '-', '_' and '.' kept, anything else '_'.</summary>
    public static string Slug(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = new StringBuilder(name.Length);
        foreach (var c in name) text.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        return text.Length == 0 ? "_" : text.ToString();
    }
}
