using MarketSim.Reports.Results;
using ScottPlot;

namespace MarketSim.Reports.Plots;

/// <summary>Saves a plot as PNG and SVG side by side, each atomically.</summary>
public static class FigureWriter
{
    /// <summary>Writes <paramref name="stem"/>.png and <paramref name="stem"/>.svg; returns both paths.</summary>
    public static async Task<IReadOnlyList<string>> SaveAsync(Plot plot, string stem)
    {
        string png = stem + ".png", svg = stem + ".svg";
        var pngBytes = plot.GetImageBytes(PlotStyle.Width, PlotStyle.Height, ImageFormat.Png);
        await AtomicFile.WriteAsync(png, s => s.WriteAsync(pngBytes).AsTask()).ConfigureAwait(false);
        await AtomicFile.WriteTextAsync(svg, plot.GetSvgXml(PlotStyle.Width, PlotStyle.Height)).ConfigureAwait(false);
        return [png, svg];
    }
}
