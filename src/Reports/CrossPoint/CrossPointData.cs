namespace MarketSim.Reports;

/// <summary>
/// The numbers behind the cross-point views and report/summary.parquet: every reported statistic of every policy
/// (level) and of every policy against the reference (paired difference) at every drawn point, with the swept
/// parameters' values there. Taken from <see cref="SweepStatistics"/>, so the page, the figures and the table agree.
/// </summary>
public sealed class CrossPointData
{
    private readonly Dictionary<(RunStatistic, OutcomeSeries), ConfidenceInterval[]> values = [];

    private CrossPointData(SweepStatistics stats)
    {
        Stats = stats;
        Points = stats.Points;
        var parameters = Points.Select(stats.PointParameters).ToList();
        Axes = stats.Manifest.Parameters
            .Select(name => SweptAxis.Of(name, parameters.Select(p => p.GetValueOrDefault(name, "")).ToList()))
            .ToList();
        Statistics = RunStatistic.Reported(stats.Providers);
        var series = stats.Policies.Select(p => new OutcomeSeries(p, Comparison.Level, stats.Reference)).ToList();
        series.AddRange(stats.Policies.Skip(1).Select(p => new OutcomeSeries(p, Comparison.Difference, stats.Reference)));
        Series = series;
        foreach (var statistic in Statistics)
        {
            foreach (var s in Series)
            {
                values[(statistic, s)] = Points.Select(point => s.Comparison == Comparison.Level
                    ? stats.Statistic(point, s.Policy, statistic)
                    : stats.StatisticDifference(point, s.Policy, statistic)).ToArray();
            }
        }
    }

    /// <summary>The statistics read from.</summary>
    public SweepStatistics Stats { get; }

    /// <summary>Design points with at least one finished run, ascending.</summary>
    public IReadOnlyList<int> Points { get; }

    /// <summary>Swept parameters in the manifest's order.</summary>
    public IReadOnlyList<SweptAxis> Axes { get; }

    /// <summary>The reported statistics (<see cref="RunStatistic.Reported"/>).</summary>
    public IReadOnlyList<RunStatistic> Statistics { get; }

    /// <summary>Each policy's level, then each non-reference policy's paired difference.</summary>
    public IReadOnlyList<OutcomeSeries> Series { get; }

    /// <summary>Numeric swept parameters: the possible x axes.</summary>
    public IReadOnlyList<SweptAxis> NumericAxes => Axes.Where(a => a.IsNumeric).ToList();

    /// <summary>True when the sweep has exactly two swept parameters forming a full grid (heat maps apply).</summary>
    public bool IsGrid => Axes.Count == 2 && SweptAxis.FormGrid(Axes[0], Axes[1]);

    /// <summary>Builds the data of <paramref name="stats"/>.</summary>
    public static CrossPointData From(SweepStatistics stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        return new CrossPointData(stats);
    }

    /// <summary>Intervals of a statistic of a series at each point (in the order of <see cref="Points"/>).</summary>
    public IReadOnlyList<ConfidenceInterval> Values(RunStatistic statistic, OutcomeSeries series) => values[(statistic, series)];

    /// <summary>Every row: point by point, series by series, statistic by statistic.</summary>
    public IEnumerable<OutcomeRow> Rows()
    {
        for (var i = 0; i < Points.Count; i++)
        {
            foreach (var s in Series)
            {
                foreach (var statistic in Statistics)
                {
                    yield return new OutcomeRow(i, s, statistic, values[(statistic, s)][i]);
                }
            }
        }
    }
}
