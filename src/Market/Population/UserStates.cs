using MarketSim.Market.Choice;
using MarketSim.Market.Providers;

namespace MarketSim.Market.Population;

/// <summary>
/// One block's users as they stand after a month's decisions, in the block's order: what per-user output records.
/// Built once per block and month and then only read, so it can travel in messages.
/// </summary>
/// <param name="UserIds">Global id of each user.</param>
/// <param name="Locations">Location of each user.</param>
/// <param name="MptcpCapable">Whether each user's device can pool two accesses.</param>
/// <param name="Portfolios">Portfolio index each user holds (see <see cref="PortfolioCatalogue"/>).</param>
/// <param name="Bills">Each user's bill this month, money, summed over its contracts (0 for none).</param>
public sealed record UserStates(
    IReadOnlyList<int> UserIds,
    IReadOnlyList<int> Locations,
    IReadOnlyList<bool> MptcpCapable,
    IReadOnlyList<int> Portfolios,
    IReadOnlyList<double> Bills)
{
    /// <summary>Number of users.</summary>
    public int Count => Portfolios.Count;

    /// <summary>Copies <paramref name="block"/>'s users into fresh arrays (the message owns them from then on);
    /// <paramref name="billing"/> as in <see cref="UserBlock.CopyStates"/>.</summary>
    public static UserStates Capture(UserBlock block, MarketView? billing)
    {
        ArgumentNullException.ThrowIfNull(block);
        var n = block.Count;
        var locations = new int[n];
        var mptcp = new bool[n];
        var portfolios = new int[n];
        var bills = new double[n];
        block.CopyStates(billing, locations, mptcp, portfolios, bills);
        return new UserStates(block.UserIds.ToArray(), locations, mptcp, portfolios, bills);
    }

    /// <summary>
    /// Fills <paramref name="mbps"/> (length <see cref="Count"/>) with each user's throughput while active, Mbit/s:
    /// the sum over its paths of the month's solved rates for its (location, portfolio) cell; NaN for a user
    /// holding nothing.
    /// </summary>
    public void FillThroughput(MarketStructure structure, ThroughputTable throughput, Span<double> mbps)
    {
        ArgumentNullException.ThrowIfNull(structure);
        ArgumentNullException.ThrowIfNull(throughput);
        if (mbps.Length != Count) throw new ArgumentException($"Expected {Count} entries, got {mbps.Length}.", nameof(mbps));
        var catalogue = structure.Catalogue;
        for (var i = 0; i < mbps.Length; i++)
        {
            var held = catalogue[Portfolios[i]];
            mbps[i] = held.IsOutside
                ? double.NaN
                : throughput.TotalMbps(structure.Cell(Locations[i], held.Index), held.Paths.Count);
        }
    }
}
