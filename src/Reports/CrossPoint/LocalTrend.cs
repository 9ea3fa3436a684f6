namespace MarketSim.Reports;

/// <summary>
/// A smoothed trend of y against x: locally weighted linear regression (LOWESS, Cleveland 1979, without the
/// robustness iterations) with tricube weights over the nearest <see cref="Span"/> of the points. Hand-written
/// because neither MathNet.Numerics nor the other served packages have a scatterplot smoother; it is the trend
/// EMA Workbench and R's lowess() draw through such scatters.
/// </summary>
public static class LocalTrend
{
    /// <summary>Fraction of the points each local fit uses (R's lowess default, 2/3).</summary>
    public const double Span = 2.0 / 3.0;

    /// <summary>Points on the trend curve.</summary>
    public const int Resolution = 40;

    /// <summary>
    /// The trend at <see cref="Resolution"/> evenly spaced x over the data's range; empty with fewer than three
    /// distinct x (two points make a line, not a trend). Non-finite pairs are left out.
    /// </summary>
    public static IReadOnlyList<(double X, double Y)> Of(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var data = x.Zip(y).Where(p => double.IsFinite(p.First) && double.IsFinite(p.Second)).ToArray();
        if (data.Select(p => p.First).Distinct().Count() < 3) return [];
        double low = data.Min(p => p.First), high = data.Max(p => p.First);
        // A constant outcome (a fixed price, say) has a constant trend. The weighted fits would return it up to rounding
        // (1e-14 of it), and a plot scaled to that noise drew a zig-zag with every tick labelled with the same value.
        var first = data[0].Second;
        if (data.All(p => p.Second == first)) return Enumerable.Range(0, Resolution).Select(k => (low + (high - low) * k / (Resolution - 1), first)).ToArray();
        var neighbours = Math.Max(3, (int)Math.Ceiling(Span * data.Length));
        var trend = new List<(double, double)>(Resolution);
        for (var k = 0; k < Resolution; k++)
        {
            var at = low + (high - low) * k / (Resolution - 1);
            trend.Add((at, FitAt(data, at, neighbours)));
        }
        return trend;
    }

    /// <summary>Weighted least-squares line through the <paramref name="neighbours"/> nearest points, evaluated at <paramref name="at"/>.</summary>
    public static double FitAt(IReadOnlyList<(double X, double Y)> data, double at, int neighbours)
    {
        ArgumentNullException.ThrowIfNull(data);
        var distances = data.Select(p => Math.Abs(p.X - at)).Order().ToArray();
        var radius = distances[Math.Min(neighbours, distances.Length) - 1];
        // All nearest points at the same x as `at`: widen so that the fit still has a slope to estimate.
        if (radius <= 0) radius = distances.FirstOrDefault(d => d > 0, 1);
        radius *= 1.000001; // the farthest neighbour gets a small weight instead of none
        double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        foreach (var (px, py) in data)
        {
            var u = Math.Abs(px - at) / radius;
            if (u >= 1) continue;
            var w = Math.Pow(1 - u * u * u, 3);
            sw += w; sx += w * px; sy += w * py; sxx += w * px * px; sxy += w * px * py;
        }
        double meanX = sx / sw, meanY = sy / sw;
        var spread = sxx / sw - meanX * meanX;
        // Every weighted point at one x: the local fit is their mean.
        if (spread <= 1e-12 * Math.Max(1, meanX * meanX)) return meanY;
        var slope = (sxy / sw - meanX * meanY) / spread;
        return meanY + slope * (at - meanX);
    }
}
