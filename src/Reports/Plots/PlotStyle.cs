using ScottPlot;

namespace MarketSim.Reports.Plots;

/// <summary>
/// Fonts and sizes for every figure. ScottPlot draws no text at all when it finds no font (no error), so the
/// font is registered from a known file; `.ci/run` and the README install fonts-dejavu-core where it is missing.
/// </summary>
public static class PlotStyle
{
    /// <summary>Pixel width of saved figures.</summary>
    public const int Width = 900;

    /// <summary>Pixel height of saved figures.</summary>
    public const int Height = 540;

    private const string FontName = "DejaVu Sans";
    private static readonly string[] FontFiles =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    ];

    private static readonly Lazy<string> Font = new(RegisterFont);

    /// <summary>A new plot with title, axis labels and the registered font.</summary>
    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(Font.Value);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return plot;
    }

    private static string RegisterFont()
    {
        var file = FontFiles.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "No DejaVu Sans font found (looked in " + string.Join(", ", FontFiles) + "). Plots would have no text: install fonts-dejavu-core.");
        Fonts.AddFontFile(FontName, file);
        return FontName;
    }
}
