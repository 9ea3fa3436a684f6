using MarketSim.Market.Choice;
using MarketSim.Market.Providers;

namespace MarketSim.Market.Pricing;

// The demand oracle's month: what every evaluation of the same month and throughput shares.
public sealed partial class DemandOracle
{
    /// <summary>The month's fee-free state, kept while candidates of the same month are evaluated (every best response of
    /// a month, the Nash iteration and the closing check ask for the same month): the choice tables and, per user, the
    /// factored rows' exponentials (see <see cref="FactoredLogitRows"/>), which otherwise cost K² exponentials per user
    /// in every sweep.</summary>
    private sealed class PreparedMonth
    {
        public required int Tick;
        public required ThroughputTable Throughput;
        public required MarketView Zero;
        public required double CapableShare;
        public required ChoiceTable[] Tables;
        public required int Stride;        // per user in Factors
        public required double[]? Factors; // [user, held, option]; null when the population is too large to keep them
    }

    /// <summary>At most this many doubles (256 MB) of kept factors; a larger population recomputes them in every sweep.</summary>
    private const long MaxKeptFactors = 1L << 25;

    private readonly object monthGate = new();
    private PreparedMonth? lastMonth;

    private PreparedMonth Prepare(int tick, ThroughputTable throughput)
    {
        lock (monthGate)
        {
            if (lastMonth is { } known && known.Tick == tick && ReferenceEquals(known.Throughput, throughput)) return known;
            var providers = structure.ProviderCount;
            var zero = new MarketView(tick, new double[providers], throughput);
            var unit = new MarketView(tick, Enumerable.Repeat(1.0, providers).ToArray(), throughput);
            var tables = BuildTables(zero, unit);
            var widest = tables.Max(t => t.Options.Length);
            var stride = widest * widest;
            var factors = (long)users.Count * stride <= MaxKeptFactors ? new double[users.Count * stride] : null;
            var month = new PreparedMonth
            {
                Tick = tick, Throughput = throughput, Zero = zero, CapableShare = population.MptcpShareAt(tick), Tables = tables,
                Stride = stride, Factors = factors,
            };
            if (factors is not null)
            {
                var chunks = (users.Count + chunkSize - 1) / chunkSize;
                Parallel.For(0, chunks, c =>
                {
                    var scratch = new Scratch(structure.Catalogue.Count, maxContracts, 0);
                    var end = Math.Min(users.Count, (c + 1) * chunkSize);
                    for (var i = c * chunkSize; i < end; i++)
                    {
                        var user = Classify(i, month);
                        if (!user.Factored) continue;
                        FillUtilities(i, month, user.Table, user.Rows, scratch);
                        FactoredLogitRows.Prepare(scratch.BaseUtility, user.Rows, user.Table.Options.Length, users.PriceSensitivity[i], factors.AsSpan(i * stride, stride));
                    }
                });
            }
            lastMonth = month;
            return month;
        }
    }
}
