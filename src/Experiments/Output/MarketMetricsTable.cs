using MarketSim.Agents.Running;
using MarketSim.Market.Providers;
using MarketSim.Reports.Results;
using Parquet;
using Parquet.Schema;

namespace MarketSim.Experiments.Output;

/// <summary>
/// The per-tick, per-provider metrics of one run as a Parquet file in tidy long form: one row per
/// (run, tick, provider), with the tick's market-wide metrics repeated on each of its rows so one file answers
/// every question about the run. Columns and units are documented in README.md ("Output schema").
/// </summary>
public static class MarketMetricsTable
{
    /// <summary>File name inside a single run's results folder.</summary>
    public const string FileName = "market_metrics.parquet";

    /// <summary>Rows per row group: bounded so memory stays flat however long the run.</summary>
    public const int RowGroupSize = 100_000;

    private static readonly DataField<string> RunId = new("run_id");
    private static readonly DataField<long> Seed = new("seed");
    private static readonly DataField<int> Point = new("point");
    private static readonly DataField<string> Policy = new("policy");
    private static readonly DataField<int> Replication = new("replication");
    private static readonly DataField<int> Tick = new("tick");
    private static readonly DataField<string> Provider = new("provider");
    private static readonly DataField<int> Subscribers = new("subscribers");
    private static readonly DataField<double> Share = new("share");
    private static readonly DataField<int> ChurnIn = new("churn_in");
    private static readonly DataField<int> ChurnOut = new("churn_out");
    private static readonly DataField<double> Price = new("price");
    private static readonly DataField<double> Revenue = new("revenue");
    private static readonly DataField<double> Profit = new("profit");
    private static readonly DataField<double?> MeanThroughput = new("mean_throughput_mbps");
    private static readonly DataField<double> Hhi = new("market_hhi");
    private static readonly DataField<double?> ConsumerSurplus = new("consumer_surplus_option_value");
    private static readonly DataField<double> MultihomedShare = new("multihomed_share");
    private static readonly DataField<double> ConnectedShare = new("connected_share");
    private static readonly DataField<string> Kind = new("kind");
    private static readonly DataField<int> ChurnOutPrice = new("churn_out_price");
    private static readonly DataField<int> ChurnOutPerformance = new("churn_out_performance");
    private static readonly DataField<int> ChurnOutBundle = new("churn_out_bundle");
    private static readonly DataField<double> WholesaleIn = new("wholesale_in");
    private static readonly DataField<double> WholesaleOut = new("wholesale_out");
    private static readonly DataField<int> CarriedLines = new("carried_lines");
    private static readonly DataField<double> MultipathShare = new("multipath_share");
    private static readonly DataField<double> MptcpCapableShare = new("mptcp_capable_share");
    private static readonly DataField<double?> MeanBill = new("mean_bill");
    private static readonly DataField<double> Cost = new("cost");
    private static readonly DataField<double> FixedCost = new("fixed_cost");
    private static readonly DataField<double> Npv = new("npv");
    private static readonly DataField<int?> BreakEvenMonth = new("break_even_month");
    private static readonly DataField<bool> InMarket = new("in_market");
    private static readonly DataField<double?> RealisedSurplus = new("consumer_surplus_realised");
    private static readonly DataField<double> ProducerSurplus = new("producer_surplus");
    private static readonly DataField<double?> Welfare = new("welfare");
    private static readonly DataField<int> ChurnOutOutage = new("churn_out_outage");
    private static readonly DataField<int> OutageLocations = new("outage_locations");

    /// <summary>The file's schema, in column order.</summary>
    public static ParquetSchema Schema { get; } = new(RunId, Seed, Point, Policy, Replication, Tick, Provider, Subscribers, Share,
        ChurnIn, ChurnOut, Price, Revenue, Profit, MeanThroughput, Hhi, ConsumerSurplus, MultihomedShare, ConnectedShare,
        Kind, ChurnOutPrice, ChurnOutPerformance, ChurnOutBundle, WholesaleIn, WholesaleOut, CarriedLines, MultipathShare, MptcpCapableShare,
        MeanBill, Cost, FixedCost, Npv, BreakEvenMonth, InMarket, RealisedSurplus, ProducerSurplus, Welfare);

    /// <summary>The schema of a run whose networks can fail: <see cref="Schema"/> and then the outage columns. Only such
    /// runs carry them, so that files of markets without outages stay exactly what they were before outages existed.</summary>
    public static ParquetSchema SchemaWithOutages { get; } = new(Schema.Fields.Append(ChurnOutOutage).Append(OutageLocations).ToArray());

    /// <summary>The schema of a run of these providers.</summary>
    public static ParquetSchema SchemaFor(IReadOnlyList<ProviderSpec> providers)
        => Market.Network.Outages.AnyCanFail(providers) ? SchemaWithOutages : Schema;

    /// <summary>Writes the run's rows atomically to <paramref name="path"/>.</summary>
    public static Task WriteAsync(string path, RunIdentity run, IReadOnlyList<ProviderSpec> providers, MemorySink rows)
        => AtomicFile.WriteAsync(path, async stream =>
        {
            var marketByTick = rows.Market.ToDictionary(m => m.Tick);
            var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy, CompressionLevel = System.IO.Compression.CompressionLevel.Fastest };
            var withOutages = Market.Network.Outages.AnyCanFail(providers);
            await using var writer = await ParquetWriter.CreateAsync(SchemaFor(providers), stream, options).ConfigureAwait(false);
            var total = rows.Rows.Count;
            for (var start = 0; start == 0 || start < total; start += RowGroupSize)
            {
                var part = rows.Rows.Skip(start).Take(RowGroupSize).ToArray();
                var market = part.Select(r => marketByTick[r.Tick]).ToArray();
                using var group = writer.CreateRowGroup();
                await group.WriteAsync(RunId, part.Select(_ => run.RunId).ToArray()).ConfigureAwait(false);
                await group.WriteAsync<long>(Seed, part.Select(_ => unchecked((long)run.Seed)).ToArray()).ConfigureAwait(false);
                await group.WriteAsync<int>(Point, part.Select(_ => run.Point).ToArray()).ConfigureAwait(false);
                await group.WriteAsync(Policy, part.Select(_ => run.Policy).ToArray()).ConfigureAwait(false);
                await group.WriteAsync<int>(Replication, part.Select(_ => run.Replication).ToArray()).ConfigureAwait(false);
                await group.WriteAsync<int>(Tick, part.Select(r => r.Tick).ToArray()).ConfigureAwait(false);
                await group.WriteAsync(Provider, part.Select(r => providers[r.Provider].Name).ToArray()).ConfigureAwait(false);
                await group.WriteAsync<int>(Subscribers, part.Select(r => r.Subscribers).ToArray()).ConfigureAwait(false);
                await group.WriteAsync<double>(Share, part.Select(r => r.Share).ToArray()).ConfigureAwait(false);
                await group.WriteAsync<int>(ChurnIn, part.Select(r => r.ChurnIn).ToArray()).ConfigureAwait(false);
                await group.WriteAsync<int>(ChurnOut, part.Select(r => r.ChurnOut).ToArray()).ConfigureAwait(false);
                await group.WriteAsync<double>(Price, part.Select(r => r.Price).ToArray()).ConfigureAwait(false);
                await group.WriteAsync<double>(Revenue, part.Select(r => r.Revenue).ToArray()).ConfigureAwait(false);
                await group.WriteAsync<double>(Profit, part.Select(r => r.Profit).ToArray()).ConfigureAwait(false);
                await group.WriteAsync<double>(MeanThroughput, part.Select(r => NullIfNaN(r.MeanThroughputMbps)).ToArray()).ConfigureAwait(false);
                await group.WriteAsync<double>(Hhi, market.Select(m => m.Hhi).ToArray()).ConfigureAwait(false);
                await group.WriteAsync<double>(ConsumerSurplus, market.Select(m => NullIfNaN(m.ConsumerSurplus)).ToArray()).ConfigureAwait(false);
                await group.WriteAsync<double>(MultihomedShare, market.Select(m => Ratio(m.Multihomed, m.Users)).ToArray()).ConfigureAwait(false);
                await group.WriteAsync<double>(ConnectedShare, market.Select(m => Ratio(m.Connected, m.Users)).ToArray()).ConfigureAwait(false);
                await group.WriteAsync(Kind, part.Select(r => KindName(providers[r.Provider])).ToArray()).ConfigureAwait(false);
                await group.WriteAsync<int>(ChurnOutPrice, part.Select(r => r.ChurnOutPrice).ToArray()).ConfigureAwait(false);
                await group.WriteAsync<int>(ChurnOutPerformance, part.Select(r => r.ChurnOutPerformance).ToArray()).ConfigureAwait(false);
                await group.WriteAsync<int>(ChurnOutBundle, part.Select(r => r.ChurnOutBundle).ToArray()).ConfigureAwait(false);
                await group.WriteAsync<double>(WholesaleIn, part.Select(r => r.WholesaleIn).ToArray()).ConfigureAwait(false);
                await group.WriteAsync<double>(WholesaleOut, part.Select(r => r.WholesaleOut).ToArray()).ConfigureAwait(false);
                await group.WriteAsync<int>(CarriedLines, part.Select(r => r.CarriedLines).ToArray()).ConfigureAwait(false);
                await group.WriteAsync<double>(MultipathShare, market.Select(m => Ratio(m.Multipath, m.Users)).ToArray()).ConfigureAwait(false);
                await group.WriteAsync<double>(MptcpCapableShare, market.Select(m => Ratio(m.MptcpCapable, m.Users)).ToArray()).ConfigureAwait(false);
                await group.WriteAsync<double>(MeanBill, part.Select(r => NullIfNaN(r.MeanBill)).ToArray()).ConfigureAwait(false);
                await group.WriteAsync<double>(Cost, part.Select(r => r.Cost).ToArray()).ConfigureAwait(false);
                await group.WriteAsync<double>(FixedCost, part.Select(r => r.FixedCost).ToArray()).ConfigureAwait(false);
                await group.WriteAsync<double>(Npv, part.Select(r => r.Npv).ToArray()).ConfigureAwait(false);
                await group.WriteAsync<int>(BreakEvenMonth, part.Select(r => r.BreakEvenMonth < 0 ? (int?)null : r.BreakEvenMonth).ToArray()).ConfigureAwait(false);
                await group.WriteAsync<bool>(InMarket, part.Select(r => r.InMarket).ToArray()).ConfigureAwait(false);
                await group.WriteAsync<double>(RealisedSurplus, market.Select(m => NullIfNaN(m.RealisedSurplus)).ToArray()).ConfigureAwait(false);
                await group.WriteAsync<double>(ProducerSurplus, market.Select(m => m.ProducerSurplus).ToArray()).ConfigureAwait(false);
                await group.WriteAsync<double>(Welfare, market.Select(m => NullIfNaN(m.Welfare)).ToArray()).ConfigureAwait(false);
                if (withOutages)
                {
                    await group.WriteAsync<int>(ChurnOutOutage, part.Select(r => r.ChurnOutOutage).ToArray()).ConfigureAwait(false);
                    await group.WriteAsync<int>(OutageLocations, part.Select(r => r.OutageLocations).ToArray()).ConfigureAwait(false);
                }
                if (total == 0) break;
            }
        });

    /// <summary>"3g", "wlan", "dsl" for ISPs (their technology), "vmpo" for virtual operators, "product_line" for an
    /// ISP's further plan.</summary>
    public static string KindName(ProviderSpec provider) => provider switch
    {
        VmpoSpec => "vmpo",
        ProductLineSpec => "product_line",
        IspSpec { Technology: Technology.Cellular3G } => "3g",
        IspSpec { Technology: Technology.Wlan } => "wlan",
        _ => "dsl",
    };

    private static double? NullIfNaN(double x) => double.IsNaN(x) ? null : x;

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}
