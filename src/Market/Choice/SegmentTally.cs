namespace MarketSim.Market.Choice;

/// <summary>
/// Per-segment sums of one tick, as integers (money and rates in millionths) so that block sums are exact and
/// independent of the block split. Lists are indexed by segment (<see cref="Population.UserSegment"/>).
/// </summary>
/// <param name="Users">Users in the segment.</param>
/// <param name="Connected">Users holding any plan.</param>
/// <param name="Multipath">Users whose portfolio has more than one path.</param>
/// <param name="Switched">Users who changed portfolio this tick.</param>
/// <param name="ThroughputMicros">Sum over connected users of their total throughput while active, Mbit/s × 1e6.</param>
/// <param name="BillMicros">Sum over users of their month's bills, money × 1e6.</param>
/// <param name="SurplusMicros">Sum over users of the logit log-sum, money × 1e6.</param>
public sealed record SegmentTally(IReadOnlyList<long> Users, IReadOnlyList<long> Connected, IReadOnlyList<long> Multipath,
    IReadOnlyList<long> Switched, IReadOnlyList<long> ThroughputMicros, IReadOnlyList<long> BillMicros, IReadOnlyList<long> SurplusMicros)
{
    /// <summary>Number of segments.</summary>
    public int Segments => Users.Count;

    /// <summary>Equal when every sum is equal (value equality, so market rows compare by content).</summary>
    public bool Equals(SegmentTally? other)
        => other is not null && Columns.Zip(other.Columns).All(pair => pair.First.SequenceEqual(pair.Second));

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var column in Columns) foreach (var value in column) hash.Add(value);
        return hash.ToHashCode();
    }

    private IReadOnlyList<long>[] Columns => [Users, Connected, Multipath, Switched, ThroughputMicros, BillMicros, SurplusMicros];

    /// <summary>Sums tallies (any order gives the same integers).</summary>
    public static SegmentTally Sum(int segments, IEnumerable<SegmentTally> parts)
    {
        var columns = Enumerable.Range(0, 7).Select(_ => new long[segments]).ToArray();
        foreach (var part in parts)
        {
            var source = new[] { part.Users, part.Connected, part.Multipath, part.Switched, part.ThroughputMicros, part.BillMicros, part.SurplusMicros };
            for (var c = 0; c < columns.Length; c++)
            {
                for (var s = 0; s < segments; s++) columns[c][s] += source[c][s];
            }
        }
        return new SegmentTally(columns[0], columns[1], columns[2], columns[3], columns[4], columns[5], columns[6]);
    }
}
