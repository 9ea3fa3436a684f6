using MarketSim.Market;
using MarketSim.Market.Accounting;

namespace MarketSim.Reports.Plots;

/// <summary>
/// The adoption figure of a run: the share of users with an MPTCP-capable device month by month (the Bass curve when
/// `users.mptcp_adoption` is set), next to the share that actually uses two paths, and, for Bass adoption, the closed
/// form F(t) without feedback as a reference (the simulated curve lies above it when imitation responds to what
/// multipath users gain). Written only when the capable share can change, so runs with a fixed share keep their files.
/// </summary>
public static class AdoptionPlot
{
    /// <summary>True if the population's MPTCP-capable share changes over time (Bass diffusion or a straight line).</summary>
    public static bool Applies(PopulationSpec population) => population.Adoption is not null || population.MptcpShareGrowth > 0;

    /// <summary>Writes adoption.png and adoption.svg into <paramref name="folder"/>; returns the files (none when it does not apply).</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(string folder, string experiment, PopulationSpec population, IReadOnlyList<MarketTick> market)
    {
        if (!Applies(population) || market.Count == 0) return [];
        var plot = PlotStyle.NewPlot($"{experiment}: MPTCP adoption", "Month", "Share of users (%)");
        var months = market.Select(m => (double)m.Tick).ToArray();
        var capable = plot.Add.ScatterLine(months, market.Select(m => Percent(m.MptcpCapable, m.Users)).ToArray());
        capable.LegendText = "MPTCP-capable devices";
        capable.LineWidth = 2;
        var multipath = plot.Add.ScatterLine(months, market.Select(m => Percent(m.Multipath, m.Users)).ToArray());
        multipath.LegendText = "using two paths";
        multipath.LineWidth = 2;
        if (population.Adoption is { } bass)
        {
            var closedForm = plot.Add.ScatterLine(months, months.Select(t => 100 * bass.ShareAt(t)).ToArray());
            closedForm.LegendText = bass.ValueFeedback > 0 ? "Bass F(t) without feedback" : "Bass F(t)";
            closedForm.LineWidth = 1.5f;
            closedForm.LinePattern = ScottPlot.LinePattern.Dashed;
        }
        plot.Axes.SetLimitsX(0, Math.Max(1, months[^1]));
        plot.Axes.SetLimitsY(0, 100);
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        return await FigureWriter.SaveAsync(plot, Path.Combine(folder, "adoption")).ConfigureAwait(false);
    }

    private static double Percent(int part, int whole) => whole == 0 ? 0 : 100.0 * part / whole;
}
