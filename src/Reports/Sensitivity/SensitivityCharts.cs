using MarketSim.Reports.Plots;
using MarketSim.Reports.Results;
using ScottPlot;
using PlotStyle = MarketSim.Reports.Plots.PlotStyle;

namespace MarketSim.Reports;

/// <summary>Bar charts with intervals: Sobol S and ST side by side, Morris mu*, or a tornado of one-at-a-time changes.</summary>
public static class SensitivityCharts
{
    private static readonly ScottPlot.Palettes.Category10 Palette = new();

    /// <summary>Writes the chart of <paramref name="result"/> as stem.png and stem.svg; returns both paths.</summary>
    public static Task<IReadOnlyList<string>> WriteAsync(SensitivityResult result, string stem)
    {
        var plot = result.Design switch
        {
            SweepDesign.Saltelli => Grouped(result, ["first_order", "total"], ["first order S", "total ST"], "Sobol indices", "share of the output's variance"),
            SweepDesign.Morris => Grouped(result, ["mu_star"], ["mu*"], "Morris screening", "mean |elementary effect| per full range"),
            _ => Tornado(result),
        };
        return FigureWriter.SaveAsync(plot, stem);
    }

    /// <summary>Horizontal bars, parameters down the left axis (long dotted names stay readable), first parameter on top.</summary>
    private static Plot Grouped(SensitivityResult result, string[] measures, string[] legends, string title, string xLabel)
    {
        var plot = PlotStyle.NewPlot($"{title}: {result.Metric}", xLabel, "");
        var k = result.Parameters.Count;
        var width = 0.8 / measures.Length;
        for (var m = 0; m < measures.Length; m++)
        {
            var rows = result.Of(measures[m]);
            var offset = ((measures.Length - 1) / 2.0 - m) * width;
            var series = plot.Add.Bars(rows.Select((r, i) => Bar(k - 1 - i + offset, r, width, Palette.GetColor(m))).ToArray());
            series.Horizontal = true;
            series.LegendText = legends[m];
            for (var i = 0; i < rows.Count; i++) Whisker(plot, k - 1 - i + offset, rows[i], width, horizontal: true);
        }
        plot.Axes.Left.SetTicks(Enumerable.Range(0, k).Select(i => (double)(k - 1 - i)).ToArray(), result.Parameters.Select(SensitivityText.Short).ToArray());
        plot.Add.VerticalLine(0, 1, Colors.Black);
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    private static Plot Tornado(SensitivityResult result)
    {
        var plot = PlotStyle.NewPlot($"One at a time: {result.Metric}", "change from the base point", "");
        // Widest swing on top: a tornado.
        var order = result.Parameters.Select((p, i) => (p, i, Swing: result.Of("low_change")[i].Value, High: result.Of("high_change")[i].Value))
            .OrderBy(x => Math.Abs(x.High - x.Swing)).ToList();
        for (var side = 0; side < 2; side++)
        {
            var measure = side == 0 ? "low_change" : "high_change";
            // Low and high side by side in each row, so a bar never hides the other when both move the same way.
            var offset = side == 0 ? -0.18 : 0.18;
            var series = plot.Add.Bars(order.Select((x, row) => Bar(row + offset, result.Of(measure)[x.i], 0.36, Palette.GetColor(side))).ToArray());
            series.Horizontal = true;
            for (var row = 0; row < order.Count; row++) Whisker(plot, row + offset, result.Of(measure)[order[row].i], 0.36, horizontal: true);
            series.LegendText = side == 0 ? "parameter at its low bound" : "parameter at its high bound";
        }
        plot.Axes.Left.SetTicks(Enumerable.Range(0, order.Count).Select(i => (double)i).ToArray(), order.Select(x => SensitivityText.Short(x.p)).ToArray());
        plot.Add.VerticalLine(0, 1, Colors.Black);
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    private static Bar Bar(double position, IndexRow row, double size, Color color) => new()
    {
        Position = position,
        Value = row.Value,
        Size = size,
        FillColor = color,
    };

    /// <summary>Draws the interval of a bar as a whisker with caps; ScottPlot's bar errors are symmetric, bootstrap
    /// intervals are not.</summary>
    private static void Whisker(Plot plot, double position, IndexRow row, double size, bool horizontal)
    {
        if (!double.IsFinite(row.Low) || !double.IsFinite(row.High)) return;
        var cap = size / 4;
        (double X, double Y) At(double along, double value) => horizontal ? (value, along) : (along, value);
        void Segment((double X, double Y) a, (double X, double Y) b)
        {
            var line = plot.Add.Line(a.X, a.Y, b.X, b.Y);
            line.Color = Colors.Black;
            line.LineWidth = 1.5f;
        }
        Segment(At(position, row.Low), At(position, row.High));
        Segment(At(position - cap, row.Low), At(position + cap, row.Low));
        Segment(At(position - cap, row.High), At(position + cap, row.High));
    }
}
