using MarketSim.Reports.Plots;

namespace MarketSim.Reports;

/// <summary>
/// Per design point: mean trajectories with 95 % bands across replications of shares, churn-out rate, prices and
/// consumer surplus (and, where devices spread over time, the MPTCP-capable share). Colour is the provider, line
/// pattern the policy, so a policy's effect reads across lines.
/// </summary>
public static class TrajectoryPlots
{
    private static readonly (Metric Metric, string File, string Title)[] Figures =
    [
        (Metric.Share, "shares", "subscriber share"),
        (Metric.ChurnOutRate, "churn", "churn-out rate"),
        (Metric.Price, "prices", "monthly price"),
        (Metric.ConsumerSurplus, "surplus", "consumer surplus, option value and realised"),
    ];

    /// <summary>Writes the point's figures (PNG + SVG) into <paramref name="folder"/>.</summary>
    public static async Task<IReadOnlyList<ReportFigure>> WriteAsync(SweepStatistics stats, int point, string folder, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var figures = new List<ReportFigure>();
        foreach (var (metric, file, title) in Figures)
        {
            ct.ThrowIfCancellationRequested();
            var caption = $"{ReportText.PointTitle(stats, point)}: {title}";
            var axis = metric == Metric.ConsumerSurplus ? "Consumer surplus" : Capitalised(MetricText.Name(metric));
            var plot = PlotStyle.NewPlot(caption, "Month", $"{axis} ({MetricText.Unit(metric)})");
            var lastTick = 0;
            for (var k = 0; k < stats.Policies.Count; k++)
            {
                var policy = stats.Policies[k];
                if (metric == Metric.ConsumerSurplus)
                {
                    lastTick = Math.Max(lastTick, Draw(plot, stats.Band(point, policy, Series.ConsumerSurplus), BandPlot.ColorOf(0), BandPlot.PatternOf(k), $"option value · {policy}"));
                    var realised = new Series(Metric.RealisedSurplus, null);
                    lastTick = Math.Max(lastTick, Draw(plot, stats.Band(point, policy, realised), BandPlot.ColorOf(1), BandPlot.PatternOf(k), $"realised · {policy}"));
                    continue;
                }
                for (var p = 0; p < stats.Providers.Count; p++)
                {
                    var provider = stats.Providers[p];
                    var band = stats.Band(point, policy, new Series(metric, provider));
                    lastTick = Math.Max(lastTick, Draw(plot, band, BandPlot.ColorOf(p), BandPlot.PatternOf(k), $"{provider} · {policy}"));
                }
            }
            BandPlot.Finish(plot, lastTick);
            var stem = Path.Combine(folder, $"p{point:D3}-{file}");
            var saved = await FigureWriter.SaveAsync(plot, stem).ConfigureAwait(false);
            figures.Add(new ReportFigure(point, caption, saved[0], saved[1]));
        }
        if (stats.AdoptionVaries(point)) figures.Add(await AdoptionAsync(stats, point, folder).ConfigureAwait(false));
        return figures;
    }

    /// <summary>The point's adoption curve: the MPTCP-capable share of users by month, one band per policy.</summary>
    private static async Task<ReportFigure> AdoptionAsync(SweepStatistics stats, int point, string folder)
    {
        var caption = $"{ReportText.PointTitle(stats, point)}: MPTCP-capable devices (adoption)";
        var plot = PlotStyle.NewPlot(caption, "Month", "MPTCP-capable devices (% of users)");
        var lastTick = 0;
        for (var k = 0; k < stats.Policies.Count; k++)
        {
            lastTick = Math.Max(lastTick, Draw(plot, stats.AdoptionBand(point, stats.Policies[k]), BandPlot.ColorOf(0), BandPlot.PatternOf(k), stats.Policies[k]));
        }
        BandPlot.Finish(plot, lastTick);
        var saved = await FigureWriter.SaveAsync(plot, Path.Combine(folder, $"p{point:D3}-adoption")).ConfigureAwait(false);
        return new ReportFigure(point, caption, saved[0], saved[1]);
    }

    private static int Draw(ScottPlot.Plot plot, IReadOnlyList<ConfidenceInterval> band, ScottPlot.Color color, ScottPlot.LinePattern pattern, string legend)
    {
        BandPlot.Add(plot, band, color, pattern, legend);
        return band.Count - 1;
    }

    internal static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
