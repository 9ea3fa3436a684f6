using ScottPlot;

namespace MarketSim.Reports;

/// <summary>Draws a mean over ticks with its 95 % band, skipping ticks where the mean is undefined.</summary>
internal static class BandPlot
{
    private static readonly LinePattern[] Patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];
    private static readonly ScottPlot.Palettes.Category10 Palette = new();

    /// <summary>Colour of the k-th provider (or policy, for market-wide series).</summary>
    public static Color ColorOf(int index) => Palette.GetColor(index);

    /// <summary>Line pattern of the k-th policy, so providers keep their colour across policies.</summary>
    public static LinePattern PatternOf(int index) => Patterns[index % Patterns.Length];

    /// <summary>Adds the mean line (legend <paramref name="legend"/>) and, where two or more replications exist, the band.</summary>
    public static void Add(Plot plot, IReadOnlyList<ConfidenceInterval> byTick, Color color, LinePattern pattern, string legend)
    {
        var defined = byTick.Select((ci, tick) => (Tick: (double)tick, Ci: ci)).Where(p => double.IsFinite(p.Ci.Mean)).ToArray();
        if (defined.Length == 0) return;
        var banded = defined.Where(p => p.Ci.HasWidth && double.IsFinite(p.Ci.HalfWidth)).ToArray();
        if (banded.Length >= 2)
        {
            var band = plot.Add.FillY(banded.Select(p => p.Tick).ToArray(), banded.Select(p => p.Ci.Lower).ToArray(), banded.Select(p => p.Ci.Upper).ToArray());
            band.FillColor = color.WithAlpha(0.2);
            band.LineWidth = 0;
        }
        var line = plot.Add.ScatterLine(defined.Select(p => p.Tick).ToArray(), defined.Select(p => p.Ci.Mean).ToArray());
        line.Color = color;
        line.LinePattern = pattern;
        line.LineWidth = 2;
        // A lone point has no segment to draw; a marker keeps it visible.
        line.MarkerSize = defined.Length == 1 ? 7 : 0;
        line.LegendText = legend;
    }

    /// <summary>Common finish: x axis over whole months, legend beside the data so it hides no line.</summary>
    public static void Finish(Plot plot, int lastTick)
    {
        // Months are whole; short runs would otherwise get ticks at 0.1 month.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.SetLimitsX(0, Math.Max(1, lastTick));
        plot.ShowLegend(Edge.Right);
    }
}
