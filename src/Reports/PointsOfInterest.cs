
namespace MarketSim.Reports;

/// <summary>
/// Which design points get trajectory figures. A small sweep draws every point, as it always did; a large design
/// (hundreds of points) draws only the points of interest, so the report stays light: those where the first
/// policy's paired welfare difference is largest and smallest (with one policy, its welfare), the corners of the
/// answer. Every point still gets its own page with its tables.
/// </summary>
public static class PointsOfInterest
{
    /// <summary>Up to this many points, the point sections stay on the main page.</summary>
    public const int InlineLimit = 4;

    /// <summary>Up to this many points, every point gets its figures.</summary>
    public const int FigureLimit = 16;

    /// <summary>Points drawn above <see cref="FigureLimit"/>: half at the top of the welfare ranking, half at the bottom.</summary>
    public const int Count = 2;

    /// <summary>The statistic the points are ranked by: mean welfare.</summary>
    public static RunStatistic Ranking { get; } = new(new Series(Metric.Welfare, null), Reduction.Mean);

    /// <summary>The series ranked: the first policy's paired difference, or the reference's level without one.</summary>
    public static OutcomeSeries RankedSeries(CrossPointData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.Series.FirstOrDefault(s => s.Comparison == Comparison.Difference) ?? data.Series[0];
    }

    /// <summary>Points to draw, ascending.</summary>
    public static IReadOnlyList<int> Select(CrossPointData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Points.Count <= FigureLimit) return data.Points;
        var values = data.Values(Ranking, RankedSeries(data));
        var ranked = Enumerable.Range(0, data.Points.Count)
            .Where(i => double.IsFinite(values[i].Mean))
            .OrderBy(i => values[i].Mean).ThenBy(i => data.Points[i])
            .Select(i => data.Points[i]).ToList();
        if (ranked.Count == 0) return data.Points.Take(Count).ToList();
        return ranked.Take(Count / 2).Concat(ranked.TakeLast(Count - Count / 2)).Distinct().Order().ToList();
    }
}
