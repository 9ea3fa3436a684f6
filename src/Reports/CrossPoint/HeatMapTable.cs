using System.Globalization;
using System.Net;

namespace MarketSim.Reports;

/// <summary>
/// The static heat map of a two-parameter grid: an HTML table, first parameter across, second down, each cell the
/// mean coloured on a scale (diverging around zero for a paired difference, so gains and losses read apart). A
/// table rather than an image: it prints, it keeps the numbers, and it weighs a few kilobytes. The explorer draws
/// the same table for the view chosen (explorer.js, heatmap()).
/// </summary>
public static class HeatMapTable
{
    /// <summary>The table of one statistic of one series; empty when the sweep is not a two-parameter grid.</summary>
    public static string Html(CrossPointData data, RunStatistic statistic, OutcomeSeries series)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(series);
        if (!data.IsGrid || data.NumericAxes.Count != 2) return "";
        var (x, y) = (data.Axes[0], data.Axes[1]);
        var xs = x.Numbers!.Distinct().Order().ToList();
        var ys = y.Numbers!.Distinct().OrderDescending().ToList();
        var values = data.Values(statistic, series);
        var cell = new Dictionary<(double, double), double>();
        for (var i = 0; i < values.Count; i++) cell[(x.Numbers![i], y.Numbers![i])] = values[i].Mean;
        var finite = cell.Values.Where(double.IsFinite).ToList();
        var difference = series.Comparison == Comparison.Difference;
        double low = finite.Count == 0 ? 0 : finite.Min(), high = finite.Count == 0 ? 0 : finite.Max();
        var label = difference ? statistic.DifferenceLabel : statistic.Label;
        var html = new System.Text.StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<table class=\"heatmap\"><caption>{E(series.Label)}: {E(label)}</caption>\n");
        html.Append(CultureInfo.InvariantCulture, $"<tr><th>{E(y.Name)} \\ {E(x.Name)}</th>");
        foreach (var v in xs) html.Append(CultureInfo.InvariantCulture, $"<th>{v:G4}</th>");
        html.Append("</tr>\n");
        foreach (var row in ys)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th>{row:G4}</th>");
            foreach (var column in xs)
            {
                var v = cell.GetValueOrDefault((column, row), double.NaN);
                html.Append(double.IsFinite(v)
                    ? string.Create(CultureInfo.InvariantCulture, $"<td style=\"background:{Colour(v, low, high, difference)}\">{v:G3}</td>")
                    : "<td>–</td>");
            }
            html.Append("</tr>\n");
        }
        return html.Append("</table>\n").ToString();
    }

    /// <summary>
    /// Cell colour: for a difference, white at zero to red (negative) or blue (positive), scaled by the largest
    /// magnitude; for a level, white at the lowest value to blue at the highest.
    /// </summary>
    public static string Colour(double value, double low, double high, bool difference)
    {
        double t;
        if (difference)
        {
            var scale = Math.Max(Math.Abs(low), Math.Abs(high));
            t = scale > 0 ? value / scale : 0;
        }
        else
        {
            t = high > low ? (value - low) / (high - low) : 0;
        }
        t = Math.Clamp(t, -1, 1);
        (var r, var g, var b) = t >= 0 ? Mix((255, 255, 255), (49, 130, 189), t) : Mix((255, 255, 255), (222, 45, 38), -t);
        return string.Create(CultureInfo.InvariantCulture, $"rgb({r},{g},{b})");
    }

    private static (int, int, int) Mix((int R, int G, int B) from, (int R, int G, int B) to, double t)
        => ((int)Math.Round(from.R + (to.R - from.R) * t), (int)Math.Round(from.G + (to.G - from.G) * t), (int)Math.Round(from.B + (to.B - from.B) * t));

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
