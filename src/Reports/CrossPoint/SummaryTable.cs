using System.Globalization;
using System.Text;
using MarketSim.Reports.Results;
using Parquet;
using Parquet.Schema;

namespace MarketSim.Reports;

/// <summary>
/// report/summary.parquet and report/summary.csv: one row per point × policy (level or paired difference) × statistic
/// with mean, 95 % interval and replications, and the swept parameters as columns, for DuckDB, pandas, polars or R.
/// Schema in results/README.md.
/// </summary>
public static class SummaryTable
{
    /// <summary>Parquet file name inside the report folder.</summary>
    public const string ParquetName = "summary.parquet";

    /// <summary>CSV file name inside the report folder.</summary>
    public const string CsvName = "summary.csv";

    /// <summary>The fixed columns, in order; swept parameters follow.</summary>
    public static IReadOnlyList<string> FixedColumns { get; } =
        ["point", "policy", "comparison", "reference", "metric", "reduction", "provider", "mean", "lower", "upper", "replications"];

    /// <summary>Name of a statistic's metric, as the run files name its column.</summary>
    public static string MetricName(Metric metric) => metric switch
    {
        Metric.Share => "share",
        Metric.ChurnOutRate => "churn_out_rate",
        Metric.Price => "price",
        Metric.ConsumerSurplus => "consumer_surplus_option_value",
        Metric.MeanBill => "mean_bill",
        Metric.Profit => "profit",
        Metric.Npv => "npv",
        Metric.RealisedSurplus => "consumer_surplus_realised",
        Metric.ProducerSurplus => "producer_surplus",
        Metric.Welfare => "welfare",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    /// <summary>"final" or "mean".</summary>
    public static string ReductionName(Reduction reduction) => reduction == Reduction.Final ? "final" : "mean";

    /// <summary>"level" or "difference".</summary>
    public static string ComparisonName(Comparison comparison) => comparison == Comparison.Level ? "level" : "difference";

    /// <summary>Column name of a swept parameter: its dotted path, prefixed "parameter." only if it would clash with a fixed column.</summary>
    public static string ParameterColumn(string name) => FixedColumns.Contains(name) ? "parameter." + name : name;

    /// <summary>Writes both files atomically; returns their paths (Parquet, CSV).</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(string folder, CrossPointData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var rows = data.Rows().ToList();
        string parquet = Path.Combine(folder, ParquetName), csv = Path.Combine(folder, CsvName);
        await WriteParquetAsync(parquet, data, rows).ConfigureAwait(false);
        await AtomicFile.WriteTextAsync(csv, Csv(data, rows)).ConfigureAwait(false);
        return [parquet, csv];
    }

    private static Task WriteParquetAsync(string path, CrossPointData data, IReadOnlyList<OutcomeRow> rows) => AtomicFile.WriteAsync(path, async stream =>
    {
        var point = new DataField<int>("point");
        var policy = new DataField<string>("policy");
        var comparison = new DataField<string>("comparison");
        var reference = new DataField<string>("reference");
        var metric = new DataField<string>("metric");
        var reduction = new DataField<string>("reduction");
        var provider = new DataField<string>("provider");
        var mean = new DataField<double>("mean");
        var lower = new DataField<double>("lower");
        var upper = new DataField<double>("upper");
        var replications = new DataField<int>("replications");
        var parameters = data.Axes.Select(a => a.IsNumeric
            ? (DataField)new DataField<double>(ParameterColumn(a.Name))
            : new DataField<string>(ParameterColumn(a.Name))).ToList();
        var schema = new ParquetSchema([point, policy, comparison, reference, metric, reduction, provider, mean, lower, upper, replications, .. parameters]);
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        await using var writer = await ParquetWriter.CreateAsync(schema, stream, options).ConfigureAwait(false);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync<int>(point, rows.Select(r => data.Points[r.PointIndex]).ToArray()).ConfigureAwait(false);
        await group.WriteAsync(policy, rows.Select(r => r.Series.Policy).ToArray()).ConfigureAwait(false);
        await group.WriteAsync(comparison, rows.Select(r => ComparisonName(r.Series.Comparison)).ToArray()).ConfigureAwait(false);
        await group.WriteAsync(reference, rows.Select(r => r.Series.Comparison == Comparison.Difference ? r.Series.Reference : null).ToArray()).ConfigureAwait(false);
        await group.WriteAsync(metric, rows.Select(r => MetricName(r.Statistic.Series.Metric)).ToArray()).ConfigureAwait(false);
        await group.WriteAsync(reduction, rows.Select(r => ReductionName(r.Statistic.Reduction)).ToArray()).ConfigureAwait(false);
        await group.WriteAsync(provider, rows.Select(r => r.Statistic.Series.Provider).ToArray()).ConfigureAwait(false);
        await group.WriteAsync<double>(mean, rows.Select(r => r.Interval.Mean).ToArray()).ConfigureAwait(false);
        await group.WriteAsync<double>(lower, rows.Select(r => r.Interval.Lower).ToArray()).ConfigureAwait(false);
        await group.WriteAsync<double>(upper, rows.Select(r => r.Interval.Upper).ToArray()).ConfigureAwait(false);
        await group.WriteAsync<int>(replications, rows.Select(r => r.Interval.N).ToArray()).ConfigureAwait(false);
        for (var a = 0; a < data.Axes.Count; a++)
        {
            var axis = data.Axes[a];
            if (axis.Numbers is { } numbers)
                await group.WriteAsync<double>((DataField<double>)parameters[a], rows.Select(r => numbers[r.PointIndex]).ToArray()).ConfigureAwait(false);
            else
                await group.WriteAsync((DataField<string>)parameters[a], rows.Select(r => axis.Text[r.PointIndex]).ToArray()).ConfigureAwait(false);
        }
    });

    // RFC 4180: comma-separated, fields with a comma, quote or line break quoted; numbers in the shortest form that
    // reads back to the same double; a missing number (no interval below two replications) is an empty field.
    private static string Csv(CrossPointData data, IReadOnlyList<OutcomeRow> rows)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', FixedColumns.Concat(data.Axes.Select(a => ParameterColumn(a.Name))).Select(Field)).Append('\n');
        foreach (var r in rows)
        {
            string[] fields =
            [
                data.Points[r.PointIndex].ToString(CultureInfo.InvariantCulture), Field(r.Series.Policy), ComparisonName(r.Series.Comparison),
                r.Series.Comparison == Comparison.Difference ? Field(r.Series.Reference) : "", MetricName(r.Statistic.Series.Metric),
                ReductionName(r.Statistic.Reduction), Field(r.Statistic.Series.Provider ?? ""),
                Number(r.Interval.Mean), Number(r.Interval.Lower), Number(r.Interval.Upper), r.Interval.N.ToString(CultureInfo.InvariantCulture),
            ];
            text.AppendJoin(',', fields.Concat(data.Axes.Select(a => a.Numbers is { } n ? Number(n[r.PointIndex]) : Field(a.Text[r.PointIndex])))).Append('\n');
        }
        return text.ToString();
    }

    private static string Number(double x) => double.IsFinite(x) ? x.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Field(string text)
        => text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
