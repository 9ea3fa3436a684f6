using MarketSim.Market.Network;
using MarketSim.Market.Providers;

namespace MarketSim.Market.Accounting;

/// <summary>Pure bookkeeping from cell counts: subscribers, throughput seen, and each provider's tick.</summary>
public static class MarketAccounting
{
    /// <summary>Subscribers of each provider: the users in every cell whose portfolio holds it.</summary>
    public static int[] Subscribers(MarketStructure structure, IReadOnlyList<int> cellCounts)
    {
        var subscribers = new int[structure.ProviderCount];
        for (int l = 0; l < structure.Locations; l++)
        {
            foreach (var portfolio in structure.Catalogue.All)
            {
                int n = cellCounts[structure.Cell(l, portfolio.Index)];
                foreach (int p in portfolio.Providers) subscribers[p] += n;
            }
        }
        return subscribers;
    }

    /// <summary>Users holding at least one access.</summary>
    public static int Connected(MarketStructure structure, IReadOnlyList<int> cellCounts)
    {
        int connected = 0;
        for (int l = 0; l < structure.Locations; l++)
        {
            for (int o = 0; o < structure.Catalogue.Count; o++)
            {
                if (o != PortfolioCatalogue.Outside) connected += cellCounts[structure.Cell(l, o)];
            }
        }
        return connected;
    }

    /// <summary>Mean throughput (Mbit/s) each provider's access gives its subscribers while they are active;
    /// NaN for a provider without subscribers.</summary>
    public static double[] MeanThroughput(MarketStructure structure, IReadOnlyList<int> cellCounts, ThroughputTable table)
    {
        var sum = new double[structure.ProviderCount];
        var users = new long[structure.ProviderCount];
        for (int l = 0; l < structure.Locations; l++)
        {
            foreach (var portfolio in structure.Catalogue.All)
            {
                int cell = structure.Cell(l, portfolio.Index);
                int n = cellCounts[cell];
                if (n == 0) continue;
                for (int slot = 0; slot < portfolio.Providers.Count; slot++)
                {
                    int p = portfolio.Providers[slot];
                    sum[p] += n * table.Mbps(cell, slot);
                    users[p] += n;
                }
            }
        }
        var mean = new double[sum.Length];
        for (int p = 0; p < sum.Length; p++) mean[p] = users[p] == 0 ? double.NaN : sum[p] / users[p];
        return mean;
    }

    /// <summary>A provider's tick: revenue is what its subscribers were billed, profit subtracts marginal cost.</summary>
    public static ProviderTick Settle(int tick, ProviderSpec provider, double price, int subscribers, int population,
        int churnIn, int churnOut, double meanThroughputMbps, double billed)
    {
        double revenue = billed;
        return new ProviderTick(tick, provider.Index, subscribers, population == 0 ? 0 : (double)subscribers / population,
            churnIn, churnOut, price, revenue, revenue - provider.MarginalCost * subscribers, meanThroughputMbps);
    }
}
