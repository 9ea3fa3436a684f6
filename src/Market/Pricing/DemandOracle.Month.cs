using System.Numerics.Tensors;
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
        public required int Stride;        // room per user in Factors
        public required double[]? Factors; // [user, held, option], packed by chunk; null when the population is too large to keep them
        public required int[]? FactorAt;   // [user]: where its factors start in Factors (factored users only)
        public int Readers;                // evaluations in progress on this month (under the month gate)
        public required bool[] ChunkReady; // [chunk of locations]: its users' factors are computed (see EnsureFactors)
        public required object[] ChunkGates; // [chunk]: held while its factors are computed
    }

    /// <summary>By default at most this many doubles (256 MB) of kept factors; a larger population recomputes them in every
    /// sweep.</summary>
    public const long DefaultMaxKeptFactors = 1L << 25;

    private readonly object monthGate = new();
    private PreparedMonth? lastMonth;

    /// <summary>The month's prepared state, counted as read until <see cref="Release"/>.</summary>
    private PreparedMonth Prepare(int tick, ThroughputTable throughput)
    {
        lock (monthGate)
        {
            if (lastMonth is { } known && known.Tick == tick && ReferenceEquals(known.Throughput, throughput))
            {
                known.Readers++;
                return known;
            }
            var providers = structure.ProviderCount;
            var zero = new MarketView(tick, new double[providers], throughput);
            var unit = new MarketView(tick, Enumerable.Repeat(1.0, providers).ToArray(), throughput);
            var tables = BuildTables(zero, unit);
            var widest = tables.Max(t => t.Options.Length);
            var stride = widest * widest;
            // Last month's buffer is reused when no evaluation still reads it (a factored user's part is overwritten below and
            // only factored users read theirs): a fresh one each month is a large-object allocation whose zeroing, first-touch
            // page faults and later gen-2 collection cost more than the factors themselves.
            var reuse = lastMonth is { Readers: 0, Factors: { } previous } && previous.Length == users.Count * stride;
            var factors = (long)users.Count * stride > maxKeptFactors ? null : reuse ? lastMonth!.Factors : new double[users.Count * stride];
            var month = new PreparedMonth
            {
                Tick = tick, Throughput = throughput, Zero = zero, CapableShare = population.MptcpShareAt(tick), Tables = tables,
                Stride = stride, Factors = factors, FactorAt = factors is null ? null : reuse ? lastMonth!.FactorAt : new int[users.Count],
                ChunkReady = new bool[chunkStart.Length - 1],
                ChunkGates = Enumerable.Range(0, chunkStart.Length - 1).Select(_ => new object()).ToArray(),
            };
            lastMonth = month;
            month.Readers++;
            return month;
        }
    }

    /// <summary>
    /// Computes the kept factors of chunk <paramref name="c"/>'s users on the month's first pass over the chunk, by the
    /// thread about to sum them: they are then read from cache, not memory, and a month that needs one pass computes them
    /// in it instead of in a pass of their own. Later passes (and a concurrent one, which waits) find them ready. The
    /// factored users' exponents are packed one after another from the chunk's first user's room and exponentiated in one
    /// library call (the same bits as a call per user: see <see cref="FactoredLogitRows.Exponents"/>).
    /// </summary>
    private void EnsureFactors(int c, PreparedMonth month)
    {
        if (month.Factors is not { } factors || Volatile.Read(ref month.ChunkReady[c])) return;
        lock (month.ChunkGates[c])
        {
            if (month.ChunkReady[c]) return;
            var scratch = new Scratch(structure.Catalogue.Count, maxContracts, 0);
            int first = users.LocationStart[chunkStart[c]], start = first * month.Stride, end = start;
            for (var i = first; i < users.LocationStart[chunkStart[c + 1]]; i++)
            {
                var user = Classify(i, month);
                if (!user.Factored) continue;
                var k = user.Table.Options.Length;
                FillUtilities(i, month, user.Table, user.Rows, scratch);
                FactoredLogitRows.Exponents(scratch.BaseUtility, user.Rows, k, users.PriceSensitivity[i], factors.AsSpan(end, user.Rows * k));
                month.FactorAt![i] = end;
                end += user.Rows * k;
            }
            TensorPrimitives.Exp(factors.AsSpan(start, end - start), factors.AsSpan(start, end - start));
            Volatile.Write(ref month.ChunkReady[c], true);
        }
    }

    /// <summary>Ends an evaluation's read of <paramref name="month"/> (its factors may then be reused).</summary>
    private void Release(PreparedMonth month)
    {
        lock (monthGate) month.Readers--;
    }
}
