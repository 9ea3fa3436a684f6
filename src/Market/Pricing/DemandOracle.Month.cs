using System.Buffers;
using MarketSim.Market.Choice;
using MarketSim.Market.Numerics;
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
        public required double[]? Factors; // each factored user's [held, option] at FactorAt, packed by chunk; null when the population is too large to keep them
        public required int[]? FactorAt;   // [user]: where its factors start in Factors (factored users only)
        public int Readers;                // evaluations in progress on this month (under the month gate)
        public required bool[] ChunkReady; // [chunk of locations]: its users' factors are computed (see LoadFactors)
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
            // Last month's buffers are reused when no evaluation still reads them (LoadFactors rewrites a chunk's factored
            // users and their starts before the month reads them; stale entries of others are never read): a fresh one each
            // month is a large-object allocation whose zeroing, first-touch page faults and later gen-2 collection cost more
            // than the factors themselves.
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
    /// Points the pass's scratch at chunk <paramref name="c"/>'s users' factored rows: the month's kept ones, computed on
    /// the month's first pass over the chunk by the thread about to sum them (then read from cache, not memory; later and
    /// concurrent passes find them ready), or, when the population is too large to keep them, computed for this pass into
    /// rented buffers (<see cref="ReturnFactors"/>). Either way a chunk's factors take one exponential call: see
    /// <see cref="PackFactors"/>.
    /// </summary>
    private void LoadFactors(int c, PreparedMonth month, Scratch s)
    {
        int first = users.LocationStart[chunkStart[c]], end = users.LocationStart[chunkStart[c + 1]];
        if (month.Factors is { } kept)
        {
            (s.Factors, s.FactorAt, s.FactorBase) = (kept, month.FactorAt, 0);
            if (Volatile.Read(ref month.ChunkReady[c])) return;
            lock (month.ChunkGates[c])
            {
                if (month.ChunkReady[c]) return;
                PackFactors(first, end, month, s, first * month.Stride);
                Volatile.Write(ref month.ChunkReady[c], true);
            }
            return;
        }
        (s.Factors, s.FactorAt, s.FactorBase) = (ArrayPool<double>.Shared.Rent((end - first) * month.Stride), ArrayPool<int>.Shared.Rent(end - first), first);
        s.FactorsRented = true;
        PackFactors(first, end, month, s, 0);
    }

    /// <summary>Gives back the buffers <see cref="LoadFactors"/> rented for a pass, if it did.</summary>
    private static void ReturnFactors(Scratch s)
    {
        if (!s.FactorsRented) return;
        ArrayPool<double>.Shared.Return(s.Factors!);
        ArrayPool<int>.Shared.Return(s.FactorAt!);
        s.FactorsRented = false;
    }

    /// <summary>
    /// The factored rows of users [<paramref name="first"/>, <paramref name="end"/>) whose rows factor, into the scratch's
    /// factor buffer from <paramref name="start"/>: their exponents packed one after another (each user's start in the
    /// scratch's FactorAt), then exponentiated in one library call (a call per user of K² = 49 costs about twice as much
    /// per exponential; the bits are the same: see <see cref="FactoredLogitRows.Exponents"/>).
    /// </summary>
    private void PackFactors(int first, int end, PreparedMonth month, Scratch s, int start)
    {
        var factors = s.Factors!;
        var at = start;
        for (var i = first; i < end; i++)
        {
            var user = Classify(i, month);
            if (!user.Factored) continue;
            var k = user.Table.Options.Length;
            FillUtilities(i, month, user.Table, user.Rows, s);
            FactoredLogitRows.Exponents(s.BaseUtility, user.Rows, k, users.PriceSensitivity[i], factors.AsSpan(at, user.Rows * k));
            s.FactorAt![i - s.FactorBase] = at;
            at += user.Rows * k;
        }
        SteadyExp.InPlace(factors.AsSpan(start, at - start));
    }

    /// <summary>Ends an evaluation's read of <paramref name="month"/> (its factors may then be reused).</summary>
    private void Release(PreparedMonth month)
    {
        lock (monthGate) month.Readers--;
    }
}
