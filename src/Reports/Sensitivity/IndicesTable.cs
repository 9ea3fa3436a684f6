using MarketSim.Reports.Results;
using Parquet;
using Parquet.Schema;

namespace MarketSim.Reports;

/// <summary>analysis/indices.parquet: one row per (parameter, measure), schema in results/README.md.</summary>
public static class IndicesTable
{
    /// <summary>File name inside the analysis folder.</summary>
    public const string FileName = "indices.parquet";

    private static readonly DataField<string> Design = new("design");
    private static readonly DataField<string> Metric = new("metric");
    private static readonly DataField<string> Parameter = new("parameter");
    private static readonly DataField<string> Measure = new("measure");
    private static readonly DataField<double> Value = new("value");
    private static readonly DataField<double> Low = new("low");
    private static readonly DataField<double> High = new("high");

    /// <summary>The file's schema, in column order.</summary>
    public static ParquetSchema Schema { get; } = new(Design, Metric, Parameter, Measure, Value, Low, High);

    /// <summary>Writes the rows of <paramref name="result"/> atomically.</summary>
    public static Task WriteAsync(string path, SensitivityResult result) => AtomicFile.WriteAsync(path, async stream =>
    {
        var rows = result.Rows;
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        await using var writer = await ParquetWriter.CreateAsync(Schema, stream, options).ConfigureAwait(false);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(Design, rows.Select(_ => SensitivityText.DesignName(result.Design)).ToArray()).ConfigureAwait(false);
        await group.WriteAsync(Metric, rows.Select(_ => result.Metric).ToArray()).ConfigureAwait(false);
        await group.WriteAsync(Parameter, rows.Select(r => r.Parameter).ToArray()).ConfigureAwait(false);
        await group.WriteAsync(Measure, rows.Select(r => r.Measure).ToArray()).ConfigureAwait(false);
        await group.WriteAsync<double>(Value, rows.Select(r => r.Value).ToArray()).ConfigureAwait(false);
        await group.WriteAsync<double>(Low, rows.Select(r => r.Low).ToArray()).ConfigureAwait(false);
        await group.WriteAsync<double>(High, rows.Select(r => r.High).ToArray()).ConfigureAwait(false);
    });
}
