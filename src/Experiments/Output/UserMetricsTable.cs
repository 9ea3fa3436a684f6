using MarketSim.Market.Population;
using MarketSim.Market.Providers;
using Parquet;
using Parquet.Schema;

namespace MarketSim.Experiments.Output;

/// <summary>
/// Per-user output as Parquet in tidy long form: one row per (month, user), written as one row group per month so
/// a writer holds a single month at a time. Columns and units are documented in README.md ("Output schema").
/// </summary>
public static class UserMetricsTable
{
    /// <summary>File name inside a single run's results folder.</summary>
    public const string FileName = "user_metrics.parquet";

    private static readonly DataField<string> RunId = new("run_id");
    private static readonly DataField<int> Tick = new("tick");
    private static readonly DataField<long> User = new("user");
    private static readonly DataField<int> Location = new("location");
    private static readonly DataField<bool> MptcpCapable = new("mptcp_capable");
    private static readonly DataField<string> Portfolio = new("portfolio");
    private static readonly DataField<double?> Throughput = new("throughput_mbps");
    private static readonly DataField<double> Bill = new("bill");

    /// <summary>The file's schema, in column order.</summary>
    public static ParquetSchema Schema { get; } = new(RunId, Tick, User, Location, MptcpCapable, Portfolio, Throughput, Bill);

    /// <summary>The same compression as the metrics file: Snappy at the fastest level (Zstd's default level is far slower).</summary>
    internal static ParquetOptions Options => new() { CompressionMethod = CompressionMethod.Snappy, CompressionLevel = System.IO.Compression.CompressionLevel.Fastest };

    /// <summary>Column buffers for one month of a run, reused month after month (every month has every user).</summary>
    internal sealed class MonthBuffers
    {
        private readonly string[] labels;
        private readonly MarketStructure structure;
        private readonly string[] runIds;
        private readonly int[] ticks;
        private readonly long[] users;
        private readonly int[] locations;
        private readonly bool[] mptcp;
        private readonly string[] portfolios;
        private double[] blockMbps = []; // one block's throughputs, before they go to their users' rows
        private readonly double?[] throughput;
        private readonly double[] bills;

        public MonthBuffers(string runId, MarketStructure structure, int users)
        {
            this.structure = structure;
            labels = structure.Catalogue.All.Select(p => p.Label(structure.Providers)).ToArray();
            runIds = new string[users];
            Array.Fill(runIds, runId);
            ticks = new int[users];
            this.users = new long[users];
            locations = new int[users];
            mptcp = new bool[users];
            portfolios = new string[users];
            throughput = new double?[users];
            bills = new double[users];
        }

        /// <summary>Fills the columns from the blocks (each user at the row of its id, so rows are in user order whichever
        /// users share a block) and writes one row group.</summary>
        public async Task WriteAsync(ParquetWriter writer, int tick, IReadOnlyList<UserStates> blocksInOrder, ThroughputTable table)
        {
            var row = 0;
            foreach (var block in blocksInOrder)
            {
                var n = block.Count;
                if (row + n > users.Length) throw new InvalidOperationException($"month {tick} has more than the run's {users.Length} users");
                if (blockMbps.Length < n) blockMbps = new double[n];
                block.FillThroughput(structure, table, blockMbps.AsSpan(0, n));
                for (var i = 0; i < n; i++, row++)
                {
                    var at = block.UserIds[i];
                    users[at] = at;
                    locations[at] = block.Locations[i];
                    mptcp[at] = block.MptcpCapable[i];
                    portfolios[at] = labels[block.Portfolios[i]];
                    throughput[at] = double.IsNaN(blockMbps[i]) ? null : blockMbps[i];
                    bills[at] = block.Bills[i];
                }
            }
            if (row != users.Length) throw new InvalidOperationException($"month {tick} has {row} users, the run {users.Length}");
            Array.Fill(ticks, tick);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(RunId, runIds).ConfigureAwait(false);
            await group.WriteAsync<int>(Tick, ticks).ConfigureAwait(false);
            await group.WriteAsync<long>(User, users).ConfigureAwait(false);
            await group.WriteAsync<int>(Location, locations).ConfigureAwait(false);
            await group.WriteAsync<bool>(MptcpCapable, mptcp).ConfigureAwait(false);
            await group.WriteAsync(Portfolio, portfolios).ConfigureAwait(false);
            await group.WriteAsync<double>(Throughput, throughput).ConfigureAwait(false);
            await group.WriteAsync<double>(Bill, bills).ConfigureAwait(false);
        }
    }
}
