using MarketSim.Market.Accounting;
using MarketSim.Market.Choice;
using MarketSim.Market.Population;
using MarketSim.Market.Providers;
using MarketSim.Market.Randomness;
using MarketSim.Transport;

namespace MarketSim.Market.Tests;

public class UserPartitionTests
{
    private static MarketSpec Market(int users) => new("partition", 6, Locations: 40, AllowMultihoming: true, Controller.Lia,
        [
            TestMarkets.Isp(0, "A", Technology.Cellular3G, share: 0.4),
            TestMarkets.Isp(1, "B", Technology.Cellular3G, capacity: 30, price: 18, share: 0.3, tariff: new Tariff(AllowanceGb: 3, OveragePerGb: 2, 0, 0)),
            TestMarkets.Isp(2, "W", Technology.Wlan, capacity: 54, price: 10, coverage: 0.5, share: 0.1),
        ],
        TestMarkets.Users(users, review: 0.5));

    [Theory]
    [InlineData(1000, 1)]
    [InlineData(1000, 64)]
    [InlineData(1000, 5000)]
    public void Blocks_hold_every_user_once_sorted_by_location_then_device_draw(int users, int blockSize)
    {
        var spec = Market(users);
        var structure = spec.BuildStructure();
        var random = new CounterRandom(4);
        // Reference locations: a block of everyone in id order draws them.
        var everyone = UserBlock.Create(structure, spec.Population, random, 0, users);

        var blocks = UserPartition.ByLocation(structure, random, users, blockSize);

        Assert.Equal((users + blockSize - 1) / blockSize, blocks.Length);
        Assert.All(blocks.SkipLast(1), b => Assert.Equal(blockSize, b.Length));
        var order = blocks.SelectMany(b => b).ToArray();
        Assert.Equal(Enumerable.Range(0, users), order.Order());
        var expected = Enumerable.Range(0, users).OrderBy(everyone.LocationOf).ThenBy(i => UserTraits.DeviceDraw(random, i));
        Assert.Equal(expected, order);
    }

    [Fact]
    public void Blocks_by_location_count_the_same_market_as_one_block_of_everyone_in_their_short_cell_ranges()
    {
        const int users = 1500;
        var spec = Market(users);
        var structure = spec.BuildStructure();
        var random = new CounterRandom(6);
        var view = new MarketView(1, spec.Providers.Select(p => p.InitialPrice).ToArray(),
            new ThroughputTable(structure, Enumerable.Range(0, structure.CellCount * structure.Catalogue.MaxPaths).Select(k => 0.5 + k % 7).ToArray()));
        var blocks = UserPartition.ByLocation(structure, random, users, 200).Select(ids => UserBlock.Create(structure, spec.Population, random, ids)).ToArray();
        var everyone = UserBlock.Create(structure, spec.Population, random, 0, users);

        var parts = blocks.Select(b => b.Review(view)).ToArray();
        var whole = everyone.Review(view);

        Assert.All(blocks, b => Assert.True(b.CellSpan < structure.CellCount / 2, $"{b.CellSpan} cells of {structure.CellCount}"));
        var summed = MarketTotals.Sum(structure.CellCount, structure.ProviderCount, parts);
        var alone = MarketTotals.Sum(structure.CellCount, structure.ProviderCount, [whole]);
        TestMarkets.AssertSameBooks(alone, summed);
    }
}
