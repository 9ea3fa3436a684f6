using MarketSim.Reports.Plots;

namespace MarketSim.Reports;

/// <summary>
/// Per design point and non-reference policy: the paired difference (policy − reference, same replication and
/// seed) over time with its 95 % band, for each provider's share, price, bill per subscriber and profit, for consumer
/// surplus, and for the welfare ledger (both consumer surpluses, producer surplus, welfare). A band that leaves the zero
/// line is a difference the replications support.
/// </summary>
public static class ComparisonPlots
{
    private static readonly (Metric Metric, string File)[] Figures =
    [
        (Metric.Share, "shares"),
        (Metric.Price, "prices"),
        (Metric.MeanBill, "bills"),
        (Metric.Profit, "profit"),
        (Metric.ConsumerSurplus, "surplus"),
        (Metric.Welfare, "welfare"),
    ];

    /// <summary>Writes the comparison figures of every non-reference policy at a point into <paramref name="folder"/>.</summary>
    public static async Task<IReadOnlyList<ReportFigure>> WriteAsync(SweepStatistics stats, int point, string folder, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var figures = new List<ReportFigure>();
        foreach (var policy in stats.Policies.Skip(1))
        {
            foreach (var (metric, file) in Figures)
            {
                ct.ThrowIfCancellationRequested();
                var name = MetricText.Name(metric);
                var caption = $"{ReportText.PointTitle(stats, point)}: {name}, {policy} − {stats.Reference} (paired)";
                var plot = PlotStyle.NewPlot(caption, "Month", $"Difference in {name} ({MetricText.DifferenceUnit(metric)})");
                var zero = plot.Add.HorizontalLine(0);
                zero.Color = ScottPlot.Colors.Gray;
                zero.LineWidth = 1;
                var series = metric switch
                {
                    Metric.ConsumerSurplus => [Series.ConsumerSurplus],
                    // The welfare figure shows the whole ledger, so a transfer (consumers up, producers down) reads at a glance.
                    Metric.Welfare => Series.MarketMetrics.Select(m => new Series(m, null)).ToArray(),
                    _ => stats.Providers.Select(p => new Series(metric, p)).ToArray(),
                };
                var lastTick = 0;
                for (var k = 0; k < series.Length; k++)
                {
                    var band = stats.Difference(point, policy, series[k]);
                    BandPlot.Add(plot, band, BandPlot.ColorOf(k), BandPlot.PatternOf(0), series[k].Provider ?? MetricText.Name(series[k].Metric));
                    lastTick = Math.Max(lastTick, band.Count - 1);
                }
                BandPlot.Finish(plot, lastTick);
                var stem = Path.Combine(folder, $"p{point:D3}-{ReportText.Slug(policy)}-vs-{ReportText.Slug(stats.Reference)}-{file}");
                var saved = await FigureWriter.SaveAsync(plot, stem).ConfigureAwait(false);
                figures.Add(new ReportFigure(point, caption, saved[0], saved[1]));
            }
        }
        return figures;
    }
}
