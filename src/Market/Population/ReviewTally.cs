using System.Runtime.CompilerServices;
using MarketSim.Market.Choice;
using MarketSim.Market.Providers;

namespace MarketSim.Market.Population;

/// <summary>What a block counts while its users review in one month, frozen into a <see cref="BlockOutcome"/> at the
/// end. Integers only (money and rates in millionths), so sums do not depend on the order users are counted in. Cells are
/// counted from <paramref name="cellOffset"/> on: a block's users live in a short range of locations.
/// <para>A holder whose bills do not depend on its own traffic adds the same numbers as every other holder of its cell and
/// segment (its cell's delivered throughput and bills), so it is only counted there (<see cref="CountHolder"/>), and
/// <see cref="BookHolders"/> adds count × the cell's numbers once per touched (cell, segment): exactly the integers
/// user-by-user adding gives.</para></summary>
internal sealed class ReviewTally(int providers, int cellOffset, int cells)
{
    private readonly int[] holders = new int[cells * UserSegment.Count]; // [local cell × segments + segment]
    private int[] touched = new int[64];                                 // entries of holders counted at least once
    private int touchedCount;

    public int[] CellCounts { get; } = new int[cells];

    public int[] Contracts { get; } = new int[providers];

    public int[] ChurnIn { get; } = new int[providers];

    public int[] ChurnOut { get; } = new int[providers];

    public int[] ChurnCause { get; } = new int[providers * ChurnCauses.Count];

    public long[] Payments { get; } = new long[providers];

    public SegmentCounter Segments { get; } = new(UserSegment.Count);

    public int Reviews { get; set; }

    public long SurplusMicros { get; set; }

    public long RealisedMicros { get; set; }

    /// <summary>Counts a holder of market cell <paramref name="cell"/> in <paramref name="segment"/> whose bills are the
    /// cell's (see <see cref="BookHolders"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CountHolder(int cell, int segment)
    {
        var entry = ((cell - cellOffset) * UserSegment.Count) + segment;
        if (holders[entry]++ == 0) Touch(entry);
    }

    private void Touch(int entry)
    {
        if (touchedCount == touched.Length) Array.Resize(ref touched, touched.Length * 2);
        touched[touchedCount++] = entry;
    }

    /// <summary>Adds the holders counted by <see cref="CountHolder"/>: cell and segment heads, contracts, delivered
    /// throughput and bills at the month's table's per-cell numbers.</summary>
    public void BookHolders(MonthUtilityTable table, MarketStructure structure)
    {
        Span<long> billMicros = stackalloc long[table.MaxContracts];
        for (var t = 0; t < touchedCount; t++)
        {
            var entry = touched[t];
            var n = holders[entry];
            holders[entry] = 0;
            var cell = (entry / UserSegment.Count) + cellOffset;
            var contracts = structure.Catalogue[cell % structure.Catalogue.Count].Providers.Count;
            for (var k = 0; k < contracts; k++) billMicros[k] = table.HeldBillMicros(cell, k);
            AddHolders(cell, entry % UserSegment.Count, n, structure, table.HeldThroughputMicros(cell), billMicros[..contracts]);
        }
        touchedCount = 0;
    }

    /// <summary>Adds <paramref name="count"/> holders of market cell <paramref name="cell"/> in <paramref name="segment"/>,
    /// each delivered <paramref name="throughputMicros"/> and billed <paramref name="billMicros"/> per contract (in the
    /// portfolio's seller order): heads, contracts, payments and the segment's sums.</summary>
    public void AddHolders(int cell, int segment, int count, MarketStructure structure, long throughputMicros, ReadOnlySpan<long> billMicros)
    {
        var portfolios = structure.Catalogue.Count;
        CellCounts[cell - cellOffset] += count;
        Segments.Users[segment] += count;
        var holding = structure.Catalogue[cell % portfolios];
        if (holding.IsOutside) return;
        Segments.Connected[segment] += count;
        if (structure.IsMultipathAt(cell / portfolios, holding)) Segments.Multipath[segment] += count;
        Segments.ThroughputMicros[segment] += count * throughputMicros;
        var sellers = holding.SellerArray;
        for (var k = 0; k < sellers.Length; k++)
        {
            var bill = count * billMicros[k];
            Contracts[sellers[k]] += count;
            Payments[sellers[k]] += bill;
            Segments.BillMicros[segment] += bill;
        }
    }

    /// <summary>The counts as the block's outcome (the arrays change hands: do not count further).</summary>
    public BlockOutcome ToOutcome()
        => new(CellCounts, Contracts, ChurnIn, ChurnOut, ChurnCause, Payments, Reviews, SurplusMicros, Segments.ToTally(), RealisedMicros, cellOffset);
}
