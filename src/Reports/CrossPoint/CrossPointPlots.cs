using MarketSim.Reports.Results;
using ScottPlot;
using PlotStyle = MarketSim.Reports.Plots.PlotStyle;

namespace MarketSim.Reports;

/// <summary>A static cross-point figure: one statistic against one swept parameter, levels or paired differences.</summary>
/// <param name="Statistic">The statistic on the y axis.</param>
/// <param name="Axis">The swept parameter on the x axis.</param>
/// <param name="Comparison">Levels of every policy, or every policy's paired difference from the reference.</param>
/// <param name="Png">Path of the PNG.</param>
public sealed record CrossPointFigure(RunStatistic Statistic, SweptAxis Axis, Comparison Comparison, string Png)
{
    /// <summary>Path relative to the report folder, as the page links it.</summary>
    public string RelativePath => Path.Combine(CrossPointPlots.FolderName, Path.GetFileName(Png)).Replace('\\', '/');
}

/// <summary>
/// The static version of every explorer view, drawn once with ScottPlot: for each statistic and numeric swept
/// parameter, the points' means with 95 % whiskers and the LOWESS trend, one colour per policy (levels) and, in a
/// second figure, each policy's paired difference from the reference with a zero line. PNG only: an SVG of a few
/// hundred whiskered points per figure would make a large design's report many times heavier.
/// </summary>
public static class CrossPointPlots
{
    /// <summary>Folder inside the report folder.</summary>
    public const string FolderName = "cross";

    private const int Width = 560, Height = 380;

    /// <summary>The figures to draw (without drawing them), in page order: statistic by statistic, axis by axis, levels then differences.</summary>
    public static IReadOnlyList<CrossPointFigure> Plan(CrossPointData data, string reportFolder)
    {
        ArgumentNullException.ThrowIfNull(data);
        var figures = new List<CrossPointFigure>();
        var differences = data.Series.Any(s => s.Comparison == Comparison.Difference);
        foreach (var statistic in data.Statistics)
        {
            foreach (var axis in data.NumericAxes)
            {
                var stem = $"{StatisticKey(statistic)}-vs-{ReportText.Slug(axis.Name)}";
                figures.Add(new(statistic, axis, Comparison.Level, Path.Combine(reportFolder, FolderName, stem + "-levels.png")));
                if (differences) figures.Add(new(statistic, axis, Comparison.Difference, Path.Combine(reportFolder, FolderName, stem + "-difference.png")));
            }
        }
        return figures;
    }

    /// <summary>File-name key of a statistic, e.g. final_share_3G-A.</summary>
    public static string StatisticKey(RunStatistic statistic)
        => ReportText.Slug($"{SummaryTable.ReductionName(statistic.Reduction)}_{SummaryTable.MetricName(statistic.Series.Metric)}"
            + (statistic.Series.Provider is null ? "" : "_" + statistic.Series.Provider));

    /// <summary>Draws one planned figure.</summary>
    public static async Task WriteAsync(CrossPointData data, CrossPointFigure figure)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(figure);
        var level = figure.Comparison == Comparison.Level;
        var label = level ? figure.Statistic.Label : figure.Statistic.DifferenceLabel;
        var title = level ? TrajectoryPlots.Capitalised(label) : $"Paired difference: {label}";
        var plot = PlotStyle.NewPlot(title, figure.Axis.Name, level ? "mean ± 95 % CI" : $"policy − {data.Stats.Reference}, mean ± 95 % CI");
        plot.Axes.Title.Label.FontSize = 13;
        var series = data.Series.Where(s => s.Comparison == figure.Comparison).ToList();
        if (!level) plot.Add.HorizontalLine(0, 1, Colors.Gray, LinePattern.Dashed);
        for (var k = 0; k < series.Count; k++)
        {
            var color = BandPlot.ColorOf(data.Stats.Policies.ToList().IndexOf(series[k].Policy));
            Draw(plot, figure.Axis.Numbers!, data.Values(figure.Statistic, series[k]), color, series[k].Label);
        }
        plot.ShowLegend(Edge.Bottom);
        var png = plot.GetImageBytes(Width, Height, ImageFormat.Png);
        Directory.CreateDirectory(Path.GetDirectoryName(figure.Png)!);
        await AtomicFile.WriteAsync(figure.Png, s => s.WriteAsync(png).AsTask()).ConfigureAwait(false);
    }

    private static void Draw(Plot plot, IReadOnlyList<double> x, IReadOnlyList<ConfidenceInterval> values, Color color, string legend)
    {
        var points = x.Zip(values).Where(p => double.IsFinite(p.Second.Mean)).ToArray();
        if (points.Length == 0) return;
        var whiskered = points.Where(p => p.Second.HasWidth && double.IsFinite(p.Second.HalfWidth)).ToArray();
        if (whiskered.Length > 0)
        {
            var bars = plot.Add.ErrorBar(whiskered.Select(p => p.First).ToArray(), whiskered.Select(p => p.Second.Mean).ToArray(),
                whiskered.Select(p => p.Second.HalfWidth).ToArray());
            bars.Color = color.WithAlpha(0.6);
        }
        var markers = plot.Add.Scatter(points.Select(p => p.First).ToArray(), points.Select(p => p.Second.Mean).ToArray());
        markers.LineWidth = 0;
        markers.MarkerSize = points.Length > 100 ? 4 : 7;
        markers.Color = color;
        markers.LegendText = legend;
        var trend = LocalTrend.Of(points.Select(p => p.First).ToArray(), points.Select(p => p.Second.Mean).ToArray());
        if (trend.Count == 0) return;
        var line = plot.Add.ScatterLine(trend.Select(t => t.X).ToArray(), trend.Select(t => t.Y).ToArray());
        line.Color = color;
        line.LineWidth = 2;
        line.LegendText = legend + " (trend)";
    }
}
