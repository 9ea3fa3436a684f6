using System.Collections.Concurrent;
using MarketSim.Market.Providers;
using MarketSim.Market.Randomness;

namespace MarketSim.Market.Population;

/// <summary>
/// Splits a run's users into blocks by location: users sorted by (location, device draw), cut every block size. Users of
/// one location then sit together, so a block reads a few rows of the month's tables over and over (they stay in cache,
/// where users in id order would read rows all over a national market's tables) and counts its users in a short range
/// of (location, portfolio) cells instead of the whole market's. Within a location, users whose devices run MPTCP (a
/// device draw below the month's capable share) come first: neighbours then have as many options, and the decision
/// kernel, a vector of neighbours at a time, computes only the options they have (a legacy device cannot buy the
/// multipath plans). Which users share a block, and in which order, changes nothing in the results: draws are keyed by
/// user id, every sum is an integer and per-user output puts each user at the row of its id.
/// </summary>
public static class UserPartition
{
    /// <summary>The ids of each block's users: blocks of <paramref name="blockSize"/> users (the last one smaller),
    /// together every user 0..users-1 once, in (location, device draw, id) order (see <see cref="UserTraits.DeviceDraw"/>).</summary>
    public static int[][] ByLocation(MarketStructure structure, CounterRandom random, int users, int blockSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        var sorted = SortedByLocation(structure, random, users, out var locationStart);
        var draws = new double[users];
        // Locations in parallel (a national market has millions of users): each range of locations draws and sorts only
        // its own users, so the order is the same at any thread count.
        Parallel.ForEach(Partitioner.Create(0, structure.Locations), range =>
        {
            for (var l = range.Item1; l < range.Item2; l++) SortLocation(random, sorted, draws, locationStart[l], locationStart[l + 1]);
        });
        var blocks = new int[(users + blockSize - 1) / blockSize][];
        for (var b = 0; b < blocks.Length; b++) blocks[b] = sorted[(b * blockSize)..Math.Min(users, (b + 1) * blockSize)];
        return blocks;
    }

    /// <summary>Sorts the users at positions [from, to) of <paramref name="sorted"/> (one location's, in id order) by
    /// device draw, ties in id order.</summary>
    private static void SortLocation(CounterRandom random, int[] sorted, double[] draws, int from, int to)
    {
        for (var k = from; k < to; k++) draws[k] = UserTraits.DeviceDraw(random, sorted[k]);
        Array.Sort(draws, sorted, from, to - from);
        // Users with equal draws (two 53-bit uniforms alike, about 1e-16 per pair) in id order, so the order is fully
        // defined whatever the sort does with ties.
        for (var k = from + 1; k < to; k++)
        {
            if (draws[k] != draws[k - 1]) continue;
            var first = k - 1;
            while (k < to && draws[k] == draws[first]) k++;
            Array.Sort(sorted, first, k - first);
        }
    }

    /// <summary>Every user 0..users-1 once, in (location, id) order; <paramref name="locationStart"/>[l] is the position
    /// of location l's first user ([Locations] = users).</summary>
    public static int[] SortedByLocation(MarketStructure structure, CounterRandom random, int users, out int[] locationStart)
    {
        ArgumentNullException.ThrowIfNull(structure);
        ArgumentOutOfRangeException.ThrowIfNegative(users);
        // A counting sort: one pass to count users per location, one to place them (ids ascending within a location).
        var locations = structure.Locations;
        var locationOf = new int[users];
        locationStart = new int[locations + 1];
        // The hashes in parallel (each range writes only its own users), the counting serial.
        if (users > 0) Parallel.ForEach(Partitioner.Create(0, users), range =>
        {
            for (var user = range.Item1; user < range.Item2; user++) locationOf[user] = UserTraits.Location(random, user, locations);
        });
        for (var user = 0; user < users; user++) locationStart[locationOf[user] + 1]++;
        for (var l = 0; l < locations; l++) locationStart[l + 1] += locationStart[l];
        var next = locationStart[..locations];
        var sorted = new int[users];
        for (var user = 0; user < users; user++) sorted[next[locationOf[user]]++] = user;
        return sorted;
    }
}
