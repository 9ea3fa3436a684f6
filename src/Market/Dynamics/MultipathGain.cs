using MarketSim.Market.Providers;

namespace MarketSim.Market.Dynamics;

/// <summary>
/// What multipath users visibly get over the others in a month: the mean throughput (while active, all paths) of users
/// whose portfolio uses two or more paths where they live, over that of connected single-path users, minus one. This is
/// the advantage imitators can see, which <see cref="BassDiffusion.ImitationFactor"/> turns into faster adoption.
/// 0 when either group is empty.
/// </summary>
public static class MultipathGain
{
    /// <summary>The relative throughput advantage of multipath users in the month of <paramref name="cellCounts"/> and
    /// <paramref name="throughput"/>.</summary>
    public static double Of(MarketStructure structure, IReadOnlyList<int> cellCounts, ThroughputTable throughput)
    {
        double multipathUsers = 0, multipathMbps = 0, singleUsers = 0, singleMbps = 0;
        for (var l = 0; l < structure.Locations; l++)
        {
            foreach (var portfolio in structure.Catalogue.All)
            {
                if (portfolio.IsOutside) continue;
                var cell = structure.Cell(l, portfolio.Index);
                var count = cellCounts[cell];
                if (count == 0 || structure.PathsAt(l, portfolio) == 0) continue;
                var mbps = count * throughput.TotalMbps(cell, portfolio.Paths.Count);
                if (structure.IsMultipathAt(l, portfolio))
                {
                    multipathUsers += count;
                    multipathMbps += mbps;
                }
                else
                {
                    singleUsers += count;
                    singleMbps += mbps;
                }
            }
        }
        if (multipathUsers == 0 || singleUsers == 0 || singleMbps <= 0) return 0;
        return multipathMbps / multipathUsers / (singleMbps / singleUsers) - 1;
    }
}
