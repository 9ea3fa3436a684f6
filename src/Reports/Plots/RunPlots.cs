using MarketSim.Market.Accounting;
using MarketSim.Market.Providers;

namespace MarketSim.Reports.Plots;

/// <summary>The trajectory figures of a single run: subscriber shares, churn, churn by cause and prices over time.</summary>
public static class RunPlots
{
    /// <summary>Writes shares, churn and prices figures (PNG + SVG) into <paramref name="folder"/>; returns the files.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(string folder, string experiment, IReadOnlyList<ProviderSpec> providers,
        IReadOnlyList<ProviderTick> rows)
    {
        var files = new List<string>();
        files.AddRange(await FigureWriter.SaveAsync(Lines($"{experiment}: subscriber share", "Share of users (%)", providers, rows,
            r => 100 * r.Share), Path.Combine(folder, "shares")).ConfigureAwait(false));
        // Churn is a rate over the month before, so it starts at month 1 (month 0 has no previous month).
        var afterStart = rows.Where(r => r.Tick > 0).ToArray();
        files.AddRange(await FigureWriter.SaveAsync(Lines($"{experiment}: churn", "Churn out (% of subscribers per month)", providers, afterStart,
            ChurnRate(rows)), Path.Combine(folder, "churn")).ConfigureAwait(false));
        files.AddRange(await FigureWriter.SaveAsync(ChurnCauses($"{experiment}: why users leave", rows, Market.Network.Outages.AnyCanFail(providers)),
            Path.Combine(folder, "churn_causes")).ConfigureAwait(false));
        files.AddRange(await FigureWriter.SaveAsync(Lines($"{experiment}: monthly price", "Price (money per month)", providers, rows,
            r => r.Price), Path.Combine(folder, "prices")).ConfigureAwait(false));
        return files;
    }

    /// <summary>Churn out at tick t as a percentage of the provider's subscribers at t - 1 (the usual monthly churn rate).</summary>
    private static Func<ProviderTick, double> ChurnRate(IReadOnlyList<ProviderTick> rows)
    {
        var subscribersAt = rows.ToDictionary(r => (r.Tick, r.Provider), r => r.Subscribers);
        return r => subscribersAt.TryGetValue((r.Tick - 1, r.Provider), out var before) && before > 0
            ? 100.0 * r.ChurnOut / before
            : 0.0;
    }

    /// <summary>Departures of all providers together by cause, as a percentage of all subscriptions the month before.</summary>
    private static ScottPlot.Plot ChurnCauses(string title, IReadOnlyList<ProviderTick> rows, bool networksCanFail)
    {
        var plot = PlotStyle.NewPlot(title, "Month", "Churn out (% of subscriptions per month)");
        var byTick = rows.GroupBy(r => r.Tick).OrderBy(g => g.Key).ToArray();
        (string Name, Func<ProviderTick, int> Count)[] causes =
            [("price", r => r.ChurnOutPrice), ("performance", r => r.ChurnOutPerformance), ("bundle", r => r.ChurnOutBundle), ("outage", r => r.ChurnOutOutage)];
        // Outage is a cause only where networks can fail; without outages the figure keeps its three causes.
        foreach (var (name, count) in networksCanFail ? causes : causes[..3])
        {
            var points = byTick.Skip(1).Select((g, i) =>
            {
                var before = byTick[i].Sum(r => (long)r.Subscribers);
                return (X: (double)g.Key, Y: before == 0 ? 0 : 100.0 * g.Sum(count) / before);
            }).ToArray();
            var line = plot.Add.ScatterLine(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray());
            line.LegendText = name;
            line.LineWidth = 2;
        }
        plot.Axes.SetLimitsX(0, Math.Max(1, rows.Count == 0 ? 1 : rows.Max(r => r.Tick)));
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        return plot;
    }

    private static ScottPlot.Plot Lines(string title, string yLabel, IReadOnlyList<ProviderSpec> providers, IReadOnlyList<ProviderTick> rows,
        Func<ProviderTick, double> value)
    {
        var plot = PlotStyle.NewPlot(title, "Month", yLabel);
        foreach (var provider in providers)
        {
            var series = rows.Where(r => r.Provider == provider.Index).OrderBy(r => r.Tick).ToArray();
            var line = plot.Add.ScatterLine(series.Select(r => (double)r.Tick).ToArray(), series.Select(value).ToArray());
            line.LegendText = provider.Name;
            line.LineWidth = 2;
        }
        plot.Axes.SetLimitsX(0, Math.Max(1, rows.Count == 0 ? 1 : rows.Max(r => r.Tick)));
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        return plot;
    }
}
