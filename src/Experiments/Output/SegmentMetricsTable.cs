using MarketSim.Agents.Running;
using MarketSim.Market.Population;
using MarketSim.Reports.Results;
using Parquet;
using Parquet.Schema;

namespace MarketSim.Experiments.Output;

/// <summary>
/// Per-tick metrics of each user segment (device × hotspot coverage, see <see cref="UserSegment"/>) of one run, as a
/// Parquet file in tidy long form: one row per (run, tick, segment). Columns and units are documented in README.md.
/// </summary>
public static class SegmentMetricsTable
{
    /// <summary>File name inside a single run's results folder.</summary>
    public const string FileName = "segment_metrics.parquet";

    private static readonly DataField<string> RunId = new("run_id");
    private static readonly DataField<long> Seed = new("seed");
    private static readonly DataField<int> Tick = new("tick");
    private static readonly DataField<string> Segment = new("segment");
    private static readonly DataField<long> Users = new("users");
    private static readonly DataField<double> ConnectedShare = new("connected_share");
    private static readonly DataField<double> MultipathShare = new("multipath_share");
    private static readonly DataField<double> SwitchedShare = new("switched_share");
    private static readonly DataField<double?> MeanThroughput = new("mean_throughput_mbps");
    private static readonly DataField<double?> MeanBill = new("mean_bill");
    private static readonly DataField<double?> ConsumerSurplus = new("consumer_surplus");

    /// <summary>The file's schema, in column order.</summary>
    public static ParquetSchema Schema { get; } = new(RunId, Seed, Tick, Segment, Users, ConnectedShare, MultipathShare, SwitchedShare,
        MeanThroughput, MeanBill, ConsumerSurplus);

    /// <summary>Rows the file holds for <paramref name="rows"/>.</summary>
    public static long RowCount(MemorySink rows) => (long)rows.Market.Count * UserSegment.Count;

    /// <summary>Writes the run's segment rows atomically to <paramref name="path"/> (one row group: ticks × 4 rows is small).</summary>
    public static Task WriteAsync(string path, RunIdentity run, MemorySink rows)
        => AtomicFile.WriteAsync(path, async stream =>
        {
            var cells = rows.Market.SelectMany(m => Enumerable.Range(0, UserSegment.Count).Select(s => (Market: m, Segment: s))).ToArray();
            var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy, CompressionLevel = System.IO.Compression.CompressionLevel.Fastest };
            await using var writer = await ParquetWriter.CreateAsync(Schema, stream, options).ConfigureAwait(false);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(RunId, cells.Select(_ => run.RunId).ToArray()).ConfigureAwait(false);
            await group.WriteAsync<long>(Seed, cells.Select(_ => unchecked((long)run.Seed)).ToArray()).ConfigureAwait(false);
            await group.WriteAsync<int>(Tick, cells.Select(c => c.Market.Tick).ToArray()).ConfigureAwait(false);
            await group.WriteAsync(Segment, cells.Select(c => UserSegment.Name(c.Segment)).ToArray()).ConfigureAwait(false);
            await group.WriteAsync<long>(Users, cells.Select(c => c.Market.Segments.Users[c.Segment]).ToArray()).ConfigureAwait(false);
            await group.WriteAsync<double>(ConnectedShare, cells.Select(c => Ratio(c.Market.Segments.Connected[c.Segment], c.Market.Segments.Users[c.Segment])).ToArray()).ConfigureAwait(false);
            await group.WriteAsync<double>(MultipathShare, cells.Select(c => Ratio(c.Market.Segments.Multipath[c.Segment], c.Market.Segments.Users[c.Segment])).ToArray()).ConfigureAwait(false);
            await group.WriteAsync<double>(SwitchedShare, cells.Select(c => Ratio(c.Market.Segments.Switched[c.Segment], c.Market.Segments.Users[c.Segment])).ToArray()).ConfigureAwait(false);
            // Month 0 has no measured month yet (throughput, bills and surplus come with the first review): null there.
            await group.WriteAsync<double>(MeanThroughput, cells.Select(c => Mean(c.Market.Tick, c.Market.Segments.ThroughputMicros[c.Segment], c.Market.Segments.Connected[c.Segment])).ToArray()).ConfigureAwait(false);
            await group.WriteAsync<double>(MeanBill, cells.Select(c => Mean(c.Market.Tick, c.Market.Segments.BillMicros[c.Segment], c.Market.Segments.Users[c.Segment])).ToArray()).ConfigureAwait(false);
            await group.WriteAsync<double>(ConsumerSurplus, cells.Select(c => Mean(c.Market.Tick, c.Market.Segments.SurplusMicros[c.Segment], c.Market.Segments.Users[c.Segment])).ToArray()).ConfigureAwait(false);
        });

    private static double Ratio(long part, long whole) => whole == 0 ? 0 : (double)part / whole;

    private static double? Mean(int tick, long sumMicros, long count) => tick == 0 || count == 0 ? null : sumMicros / 1e6 / count;
}
