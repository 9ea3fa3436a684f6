using MarketSim.Market.Accounting;
using MarketSim.Market.Providers;

namespace MarketSim.Experiments.Plots;

/// <summary>The three trajectory figures of a single run: subscriber shares, churn and prices over time.</summary>
public static class RunPlots
{
    /// <summary>Writes shares, churn and prices figures (PNG + SVG) into <paramref name="folder"/>; returns the files.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(string folder, string experiment, IReadOnlyList<ProviderSpec> providers,
        IReadOnlyList<ProviderTick> rows)
    {
        var files = new List<string>();
        files.AddRange(await FigureWriter.SaveAsync(Lines($"{experiment}: subscriber share", "Share of users (%)", providers, rows,
            r => 100 * r.Share), Path.Combine(folder, "shares")).ConfigureAwait(false));
        files.AddRange(await FigureWriter.SaveAsync(Lines($"{experiment}: churn", "Churn out (% of subscribers per month)", providers, rows,
            ChurnRate(rows)), Path.Combine(folder, "churn")).ConfigureAwait(false));
        files.AddRange(await FigureWriter.SaveAsync(Lines($"{experiment}: monthly price", "Price (money per month)", providers, rows,
            r => r.Price), Path.Combine(folder, "prices")).ConfigureAwait(false));
        return files;
    }

    /// <summary>Churn out at tick t as a percentage of the provider's subscribers at t - 1 (the usual monthly churn rate).</summary>
    private static Func<ProviderTick, double> ChurnRate(IReadOnlyList<ProviderTick> rows)
    {
        var subscribersAt = rows.ToDictionary(r => (r.Tick, r.Provider), r => r.Subscribers);
        return r => subscribersAt.TryGetValue((r.Tick - 1, r.Provider), out int before) && before > 0
            ? 100.0 * r.ChurnOut / before
            : 0.0;
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
