using System.Globalization;
using DuckDB.NET.Data;
using MarketSim.Reports;
using MathNet.Numerics.Distributions;

namespace MarketSim.Experiments.Tests.Reports;

public class CrossPointTests
{
    private static readonly Lazy<Task<ReportResult>> GridReport = new(async () =>
        await SweepReport.WriteAsync(await SyntheticSweep.WriteAsync(points: 4, replications: 5, grid: true)));

    [Fact]
    public async Task DuckDB_reads_summary_parquet_with_the_hand_computed_intervals_and_the_swept_parameters_as_columns()
    {
        var report = await GridReport.Value;
        var parquet = Path.Combine(report.Folder, SummaryTable.ParquetName);
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        // 4 points × (2 levels + 1 difference) × (6 statistics × 2 providers + 4 market-wide).
        Assert.Equal(4L * 3 * 16, Scalar<long>(connection, $"SELECT count(*) FROM read_parquet('{parquet}')"));
        var columns = Column<string>(connection, $"SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet('{parquet}'))");
        Assert.Equal([.. SummaryTable.FixedColumns, SyntheticSweep.Swept, SyntheticSweep.SecondSwept], columns);

        // Flat, point 3 (inertia 1.5, price sensitivity 0.2): final price of 3G-A is 10 + r + 3 over r = 0..4.
        var t4 = StudentT.InvCDF(0, 1, 4, 0.975);
        var priceHalfWidth = t4 * Math.Sqrt(2.5) / Math.Sqrt(5); // sample variance of 0..4 is 2.5
        using (var reader = Query(connection, $"""
            SELECT mean, lower, upper, replications, "users.inertia", "users.price_sensitivity", reference FROM read_parquet('{parquet}')
            WHERE point = 3 AND policy = 'flat' AND comparison = 'level' AND metric = 'price' AND reduction = 'final' AND provider = '3G-A'
            """))
        {
            Assert.True(reader.Read());
            Assert.Equal(15, reader.GetDouble(0), 9);
            Assert.Equal(15 - priceHalfWidth, reader.GetDouble(1), 9);
            Assert.Equal(15 + priceHalfWidth, reader.GetDouble(2), 9);
            Assert.Equal(5, reader.GetInt32(3));
            Assert.Equal(1.5, reader.GetDouble(4), 12);
            Assert.Equal(0.2, reader.GetDouble(5), 12);
            Assert.True(reader.IsDBNull(6));
            Assert.False(reader.Read());
        }
        // Paired difference of the final share of 3G-A: 1, 2, 3, 2, 2 percentage points at every point.
        var shareHalfWidth = t4 * Math.Sqrt(0.5) / Math.Sqrt(5);
        using (var reader = Query(connection, $"""
            SELECT mean, upper - mean, replications, reference FROM read_parquet('{parquet}')
            WHERE point = 2 AND policy = 'perf' AND comparison = 'difference' AND metric = 'share' AND reduction = 'final' AND provider = '3G-A'
            """))
        {
            Assert.True(reader.Read());
            Assert.Equal(2, reader.GetDouble(0), 9);
            Assert.Equal(shareHalfWidth, reader.GetDouble(1), 9);
            Assert.Equal(5, reader.GetInt32(2));
            Assert.Equal(SyntheticSweep.Flat, reader.GetString(3));
        }
        Assert.Equal(4L * 3, Scalar<long>(connection, $"SELECT count(*) FROM read_parquet('{parquet}') WHERE metric = 'welfare' AND provider IS NULL"));
    }

    [Fact]
    public async Task DuckDB_reads_the_same_rows_from_summary_csv()
    {
        var report = await GridReport.Value;
        string parquet = Path.Combine(report.Folder, SummaryTable.ParquetName), csv = Path.Combine(report.Folder, SummaryTable.CsvName);
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var fromCsv = $"SELECT * FROM read_csv('{csv}', header = true)";
        // Parquet holds NaN where a number is undefined (no interval below two replications, a rate with no
        // subscribers), the CSV an empty field, which DuckDB reads as NULL.
        var fromParquet = "SELECT * REPLACE (CASE WHEN isnan(mean) THEN NULL ELSE mean END AS mean, CASE WHEN isnan(lower) THEN NULL ELSE lower END AS lower, "
            + $"CASE WHEN isnan(upper) THEN NULL ELSE upper END AS upper) FROM read_parquet('{parquet}')";
        Assert.Equal(4L * 3 * 16, Scalar<long>(connection, $"SELECT count(*) FROM ({fromCsv})"));
        var onlyInParquet = Column<string>(connection, $"SELECT CAST(d AS VARCHAR) FROM ({fromParquet} EXCEPT {fromCsv}) d");
        Assert.True(onlyInParquet.Count == 0, "rows of the Parquet file not in the CSV:\n" + string.Join("\n", onlyInParquet.Take(4)));
        Assert.Equal(0L, Scalar<long>(connection, $"SELECT count(*) FROM ({fromCsv} EXCEPT {fromParquet})"));
    }

    [Fact]
    public async Task A_two_parameter_grid_gets_heat_maps_and_every_view_a_static_figure()
    {
        var report = await GridReport.Value;
        var html = await File.ReadAllTextAsync(report.Page);
        // 16 statistics × 3 series, each a heat-map table of 2 × 2 cells.
        Assert.Equal(16 * 3, html.Split("<table class=\"heatmap\">").Length - 1);
        Assert.Contains("\"grid\":true", html, StringComparison.Ordinal);
        var statics = Directory.GetFiles(Path.Combine(report.Folder, CrossPointPlots.FolderName), "*.png");
        Assert.Equal(16 * 2 * 2, statics.Length); // statistics × parameters × (levels, difference)
        Assert.All(statics, f => Assert.Contains($"src=\"{CrossPointPlots.FolderName}/{Path.GetFileName(f)}\"", html, StringComparison.Ordinal));
    }

    [Fact]
    public void The_trend_reproduces_a_straight_line_exactly()
    {
        double[] x = [0.3, 0.1, 0.9, 0.45, 0.7, 0.2, 0.55];
        var trend = LocalTrend.Of(x, x.Select(v => 3 - 2 * v).ToArray());
        Assert.Equal(LocalTrend.Resolution, trend.Count);
        Assert.Equal(0.1, trend[0].X, 12);
        Assert.Equal(0.9, trend[^1].X, 12);
        Assert.All(trend, t => Assert.Equal(3 - 2 * t.X, t.Y, 9));
    }

    [Fact]
    public void The_trend_at_a_point_is_the_tricube_weighted_least_squares_line_of_its_nearest_two_thirds()
    {
        double[] x = [0, 1, 2, 3.5, 4, 5, 6, 7.5, 8, 9];
        var y = x.Select(v => v * v + Math.Sin(3 * v)).ToArray();
        const double at = 2.7;
        var neighbours = (int)Math.Ceiling(2.0 / 3 * x.Length); // 7
        var radius = x.Select(v => Math.Abs(v - at)).Order().ElementAt(neighbours - 1) * 1.000001;
        var w = x.Select(v => Math.Abs(v - at) / radius).Select(u => u < 1 ? Math.Pow(1 - u * u * u, 3) : 0).ToArray();
        // Reference: MathNet's weighted least squares on the design [1, x].
        var p = MathNet.Numerics.LinearRegression.WeightedRegression.Weighted(x.Select(v => new[] { 1.0, v }).ToArray(), y, w);
        var expected = p[0] + p[1] * at;
        Assert.Equal(expected, LocalTrend.FitAt(x.Zip(y).ToArray(), at, neighbours), 9);
    }

    [Fact]
    public void Fewer_than_three_distinct_values_give_no_trend()
    {
        Assert.Empty(LocalTrend.Of([0.2, 0.6, 0.2, 0.6], [1, 2, 3, 4]));
    }

    [Fact]
    public void Two_axes_form_a_grid_only_when_every_combination_occurs_once()
    {
        var x = SweptAxis.Of("a", ["1", "2", "1", "2"]);
        Assert.True(SweptAxis.FormGrid(x, SweptAxis.Of("b", ["5", "5", "6", "6"])));
        Assert.False(SweptAxis.FormGrid(x, SweptAxis.Of("b", ["5", "6", "7", "8"])));   // quasi-random: no grid
        Assert.False(SweptAxis.FormGrid(x, SweptAxis.Of("b", ["5", "5", "5", "6"])));   // (1, 5) twice, (1, 6) missing
        Assert.Null(SweptAxis.Of("controller", ["lia", "olia"]).Numbers);
        Assert.Equal([0.25, 1e-3], SweptAxis.Of("c", ["0.25", "1e-3"]).Numbers!);
    }

    [Fact]
    public void Heat_map_colours_are_white_at_zero_difference_and_red_or_blue_at_the_extremes()
    {
        Assert.Equal("rgb(255,255,255)", HeatMapTable.Colour(0, -2, 4, difference: true));
        Assert.Equal("rgb(49,130,189)", HeatMapTable.Colour(4, -2, 4, difference: true));
        Assert.Equal("rgb(238,150,146)", HeatMapTable.Colour(-2, -2, 4, difference: true)); // half-way to red
        Assert.Equal("rgb(255,255,255)", HeatMapTable.Colour(3, 3, 7, difference: false));
    }

    [Fact]
    public async Task A_large_design_draws_figures_for_the_points_with_the_lowest_and_highest_paired_welfare_only()
    {
        var stats = await SweepStatistics.LoadAsync(await SyntheticSweep.WriteAsync(points: 20, replications: 2));
        var data = CrossPointData.From(stats);
        var selected = PointsOfInterest.Select(data);
        Assert.Equal(PointsOfInterest.Count, selected.Count);
        // Reference ranking straight from the statistics, ties broken by point.
        var welfare = stats.Points.OrderBy(p => stats.StatisticDifference(p, SyntheticSweep.Perf, PointsOfInterest.Ranking).Mean).ThenBy(p => p).ToList();
        Assert.Equal(welfare.Take(PointsOfInterest.Count / 2).Concat(welfare.TakeLast(PointsOfInterest.Count - PointsOfInterest.Count / 2)).Order(), selected);
        Assert.Equal(stats.Points.Take(3), PointsOfInterest.Select(CrossPointData.From(await SweepStatistics.LoadAsync(await SyntheticSweep.WriteAsync(points: 3, replications: 2)))));
    }

    private static DuckDBDataReader Query(DuckDBConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteReader();
    }

    private static T Scalar<T>(DuckDBConnection connection, string sql)
    {
        using var reader = Query(connection, sql);
        Assert.True(reader.Read());
        return (T)Convert.ChangeType(reader.GetValue(0), typeof(T), CultureInfo.InvariantCulture);
    }

    private static List<T> Column<T>(DuckDBConnection connection, string sql)
    {
        using var reader = Query(connection, sql);
        var values = new List<T>();
        while (reader.Read()) values.Add((T)reader.GetValue(0));
        return values;
    }
}
