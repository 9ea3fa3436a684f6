using MarketSim.Market.Dynamics;
using MarketSim.Market.Providers;

namespace MarketSim.Market.Tests.Dynamics;

public class MultipathGainTests
{
    [Fact]
    public void The_gain_is_the_mean_rate_of_multipath_users_over_that_of_single_path_users_minus_one()
    {
        var structure = TestMarkets.ThreeIsps().BuildStructure();
        Portfolio Holding(params int[] sellers) => structure.Catalogue.All.Single(p => p.Providers.SequenceEqual(sellers));
        var width = structure.Catalogue.MaxPaths;
        var mbps = new double[structure.CellCount * width];
        var counts = new int[structure.CellCount];
        void Put(int location, Portfolio portfolio, int users, params double[] rates)
        {
            var cell = structure.Cell(location, portfolio.Index);
            counts[cell] = users;
            for (var slot = 0; slot < rates.Length; slot++) mbps[cell * width + slot] = rates[slot];
        }
        Put(0, Holding(0), 30, 2.0);          // single path: 30 users at 2
        Put(1, Holding(1), 10, 6.0);          // single path: 10 users at 6
        Put(1, Holding(0, 1), 5, 3.0, 4.0);   // multipath: 5 users at 7
        Put(2, Holding(0, 1), 15, 1.0, 2.0);  // multipath: 15 users at 3
        Put(3, structure.Catalogue[PortfolioCatalogue.Outside], 100);
        double single = (30 * 2.0 + 10 * 6.0) / 40, multipath = (5 * 7.0 + 15 * 3.0) / 20;
        Assert.Equal(multipath / single - 1, MultipathGain.Of(structure, counts, new ThroughputTable(structure, mbps)), 12);
        Assert.Equal(0, MultipathGain.Of(structure, new int[structure.CellCount], new ThroughputTable(structure, mbps)));
    }
}
