using System.Globalization;
using System.Text.Json;

namespace MarketSim.Reports;

/// <summary>
/// The explorer's data as JSON, embedded in the page: numeric axes, series, statistics, each series' means, half-widths
/// and replications per point, the LOWESS trend per axis, and the static figure of each view. Numbers keep six
/// significant digits (the page shows three); a missing number is null. The default encoder escapes '&lt;' and '&gt;',
/// so the text is safe inside a script element.
/// </summary>
public static class ExplorerData
{
    /// <summary>The JSON text.</summary>
    public static string Json(CrossPointData data, IReadOnlyList<CrossPointFigure> figures, string reportFolder)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(figures);
        var axes = data.NumericAxes;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("reference", data.Stats.Reference);
            json.WriteBoolean("grid", data.IsGrid && axes.Count == 2);
            json.WriteStartArray("points");
            foreach (var p in data.Points) json.WriteNumberValue(p);
            json.WriteEndArray();
            json.WriteStartArray("axes");
            foreach (var axis in axes)
            {
                json.WriteStartObject();
                json.WriteString("name", axis.Name);
                Numbers(json, "x", axis.Numbers!);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("series");
            foreach (var s in data.Series)
            {
                json.WriteStartObject();
                json.WriteString("label", s.Label);
                json.WriteBoolean("difference", s.Comparison == Comparison.Difference);
                json.WriteNumber("color", data.Stats.Policies.ToList().IndexOf(s.Policy));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("statistics");
            var byView = figures.ToDictionary(f => (f.Statistic, f.Axis.Name, f.Comparison), f => Path.GetRelativePath(reportFolder, f.Png).Replace('\\', '/'));
            foreach (var statistic in data.Statistics)
            {
                json.WriteStartObject();
                json.WriteString("key", CrossPointPlots.StatisticKey(statistic));
                json.WriteString("label", statistic.Label);
                json.WriteString("differenceLabel", statistic.DifferenceLabel);
                json.WriteStartArray("values");
                foreach (var s in data.Series)
                {
                    var values = data.Values(statistic, s);
                    json.WriteStartObject();
                    Numbers(json, "m", values.Select(v => v.Mean).ToArray());
                    Numbers(json, "h", values.Select(v => v.HasWidth ? v.HalfWidth : double.NaN).ToArray());
                    json.WriteStartArray("n");
                    foreach (var v in values) json.WriteNumberValue(v.N);
                    json.WriteEndArray();
                    json.WriteStartArray("trend");
                    foreach (var axis in axes)
                    {
                        var trend = LocalTrend.Of(axis.Numbers!, values.Select(v => v.Mean).ToArray());
                        json.WriteStartObject();
                        Numbers(json, "x", trend.Select(t => t.X).ToArray());
                        Numbers(json, "y", trend.Select(t => t.Y).ToArray());
                        json.WriteString("figure", byView.GetValueOrDefault((statistic, axis.Name, s.Comparison)));
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Numbers(Utf8JsonWriter json, string name, IReadOnlyList<double> values)
    {
        json.WriteStartArray(name);
        foreach (var x in values)
        {
            if (double.IsFinite(x)) json.WriteNumberValue(double.Parse(x.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
            else json.WriteNullValue();
        }
        json.WriteEndArray();
    }
}
