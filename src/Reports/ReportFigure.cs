namespace MarketSim.Reports;

/// <summary>A saved figure of the report.</summary>
/// <param name="Point">Design point it shows.</param>
/// <param name="Caption">Caption under it on the page (the plot's title).</param>
/// <param name="Png">Path of the PNG (embedded in the page).</param>
/// <param name="Svg">Path of the SVG beside it.</param>
public sealed record ReportFigure(int Point, string Caption, string Png, string Svg);
