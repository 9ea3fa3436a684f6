using MarketSim.Market.Choice;

namespace MarketSim.Market.Population;

/// <summary>What a block counts while its users review in one month, frozen into a <see cref="BlockOutcome"/> at the
/// end. Integers only (money and rates in millionths), so sums do not depend on the order users are counted in. Cells are
/// counted from <paramref name="cellOffset"/> on: a block's users live in a short range of locations.</summary>
internal sealed class ReviewTally(int providers, int cellOffset, int cells)
{
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

    /// <summary>The counts as the block's outcome (the arrays change hands: do not count further).</summary>
    public BlockOutcome ToOutcome()
        => new(CellCounts, Contracts, ChurnIn, ChurnOut, ChurnCause, Payments, Reviews, SurplusMicros, Segments.ToTally(), RealisedMicros, cellOffset);
}
