namespace MarketSim.Market.Choice;

/// <summary>
/// Mutable per-segment sums a block fills while it walks its users, frozen into a <see cref="SegmentTally"/> at the
/// end. Named fields instead of an array of columns, so "switched" cannot be written into "multipath" by index.
/// </summary>
internal sealed class SegmentCounter(int segments)
{
    public long[] Users { get; } = new long[segments];

    public long[] Connected { get; } = new long[segments];

    public long[] Multipath { get; } = new long[segments];

    public long[] Switched { get; } = new long[segments];

    public long[] ThroughputMicros { get; } = new long[segments];

    public long[] BillMicros { get; } = new long[segments];

    public long[] SurplusMicros { get; } = new long[segments];

    /// <summary>The sums as an immutable tally (the arrays change hands: do not count further).</summary>
    public SegmentTally ToTally() => new(Users, Connected, Multipath, Switched, ThroughputMicros, BillMicros, SurplusMicros);
}
