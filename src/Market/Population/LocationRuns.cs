namespace MarketSim.Market.Population;

/// <summary>
/// A block's users as runs of neighbours at one location in ascending device draw (a run's users in a block cut from
/// <see cref="UserPartition.ByLocation"/> are all its users at that location; a block in any other order still splits into
/// runs, only shorter ones). A month's MPTCP-capable users of a run (device draw below the month's capable share) are then
/// a prefix of it, found by one binary search, so the decision kernel's per-user option sets and segments come from the
/// runs instead of reading every user's location, place and device draw each month (a third of the bytes a month of
/// decisions read per user).
/// </summary>
public sealed class LocationRuns
{
    private readonly int[] start;     // [run]: first user; [Count] = users
    private readonly int[] location;  // [run]
    private readonly int[] place;     // [run]: 0, or 2 inside WLAN coverage (see UserSegment)
    private readonly int[] capableEnd; // [run]: first user of the run whose device does not run MPTCP this month
    private readonly double[] draws;

    /// <summary>The runs of users whose locations, segment places and device draws are <paramref name="locations"/>,
    /// <paramref name="places"/> and <paramref name="deviceDraws"/> (the block keeps the draws; they do not change).</summary>
    public LocationRuns(ReadOnlySpan<int> locations, ReadOnlySpan<int> places, double[] deviceDraws)
    {
        ArgumentNullException.ThrowIfNull(deviceDraws);
        if (locations.Length != deviceDraws.Length || places.Length != deviceDraws.Length)
            throw new ArgumentException("A location, place and device draw per user.");
        draws = deviceDraws;
        var starts = new List<int>();
        for (var i = 0; i < locations.Length; i++)
        {
            // A run ends where the location changes or the draws stop ascending (NaN never occurs: draws are uniforms).
            if (i == 0 || locations[i] != locations[i - 1] || deviceDraws[i] < deviceDraws[i - 1]) starts.Add(i);
        }
        Count = starts.Count;
        starts.Add(locations.Length);
        start = [.. starts];
        location = new int[Count];
        place = new int[Count];
        for (var r = 0; r < Count; r++)
        {
            location[r] = locations[start[r]];
            place[r] = places[start[r]];
        }
        capableEnd = new int[Count];
    }

    /// <summary>Number of runs.</summary>
    public int Count { get; }

    /// <summary>Marks this month's MPTCP-capable users: those with a device draw below <paramref name="capableShare"/>.</summary>
    public void SetCapableShare(double capableShare)
    {
        for (var r = 0; r < Count; r++)
        {
            // The first user of the run whose draw is not below the share (draws ascend within a run).
            int low = start[r], high = start[r + 1];
            while (low < high)
            {
                var middle = (low + high) >>> 1;
                if (draws[middle] < capableShare) low = middle + 1;
                else high = middle;
            }
            capableEnd[r] = low;
        }
    }

    /// <summary>The run of user <paramref name="i"/>, searched from run <paramref name="from"/> on (users are visited in
    /// order, so a caller's cursor moves forward only).</summary>
    public int RunOf(int i, int from)
    {
        var r = from;
        while (start[r + 1] <= i) r++;
        return r;
    }

    /// <summary>For users [<paramref name="first"/>, first + sets.Length), starting in run <paramref name="run"/>: each one's
    /// option set (<see cref="MonthUtilityTable.SetOf"/>) and segment (<see cref="UserSegment"/>) this month (after
    /// <see cref="SetCapableShare"/>). Returns the run of the last user, where the next chunk starts looking.</summary>
    public int Fill(int first, int run, Span<int> sets, Span<int> segments)
    {
        var end = first + sets.Length;
        var i = first;
        var r = RunOf(first, run);
        while (i < end)
        {
            int runEnd = Math.Min(start[r + 1], end), capable = Math.Min(Math.Max(capableEnd[r], i), runEnd);
            int multi = MonthUtilityTable.SetOf(location[r], true), single = multi - 1;
            sets[(i - first)..(capable - first)].Fill(multi);
            segments[(i - first)..(capable - first)].Fill(place[r] + 1);
            sets[(capable - first)..(runEnd - first)].Fill(single);
            segments[(capable - first)..(runEnd - first)].Fill(place[r]);
            i = runEnd;
            if (i < end) r++;
        }
        return r;
    }
}
