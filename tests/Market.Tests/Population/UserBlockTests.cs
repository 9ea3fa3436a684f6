using MarketSim.Market.Accounting;
using MarketSim.Market.Choice;
using MarketSim.Market.Population;
using MarketSim.Market.Providers;
using MarketSim.Market.Randomness;

namespace MarketSim.Market.Tests;

public class UserBlockTests
{
    private static ThroughputTable FlatThroughput(MarketStructure structure, double mbps)
        => new(structure, Enumerable.Repeat(mbps, structure.CellCount * structure.Catalogue.MaxPaths).ToArray());

    private static MarketView View(MarketSpec spec, MarketStructure structure, int tick)
        => new(tick, spec.Providers.Select(p => p.InitialPrice).ToArray(), FlatThroughput(structure, 3));

    [Fact]
    public void Splitting_users_into_blocks_changes_nothing()
    {
        var spec = TestMarkets.ThreeIsps(users: 500);
        var structure = spec.BuildStructure();
        var random = new CounterRandom(11);
        var whole = UserBlock.Create(structure, spec.Population, random, 0, 500);
        var pieces = Enumerable.Range(0, 500 / 7 + 1)
            .Select(b => UserBlock.Create(structure, spec.Population, random, b * 7, Math.Min(7, 500 - b * 7))).ToArray();
        for (var tick = 1; tick <= 5; tick++)
        {
            var view = View(spec, structure, tick);
            var one = whole.Review(view);
            var many = MarketTotals.Sum(structure.CellCount, 3, pieces.Select(p => p.Review(view)));
            Assert.Equal(one.CellCounts, many.CellCounts);
            Assert.Equal(one.ChurnIn, many.ChurnIn);
            Assert.Equal(one.ChurnOut, many.ChurnOut);
            Assert.Equal(one.Contracts, many.Contracts);
        }
    }

    [Fact]
    public void Without_reviews_nobody_moves()
    {
        var spec = TestMarkets.ThreeIsps(users: 400, review: 0);
        var structure = spec.BuildStructure();
        var block = UserBlock.Create(structure, spec.Population, new CounterRandom(5), 0, 400);
        var before = new int[structure.CellCount];
        block.AddCellCounts(before);
        var outcome = block.Review(View(spec, structure, 1));
        Assert.Equal(before, outcome.CellCounts);
        Assert.All(outcome.ChurnIn, n => Assert.Equal(0, n));
        Assert.Equal(0, outcome.Reviews);
    }

    [Fact]
    public void Every_user_is_counted_once_and_contracts_match_the_cells()
    {
        var spec = TestMarkets.ThreeIsps(users: 1000, review: 1);
        var structure = spec.BuildStructure();
        var block = UserBlock.Create(structure, spec.Population, new CounterRandom(5), 0, 1000);
        var outcome = block.Review(View(spec, structure, 1));
        Assert.Equal(1000, outcome.CellCounts.Sum());
        Assert.Equal(MarketAccounting.Subscribers(structure, outcome.CellCounts), outcome.Contracts);
        Assert.Equal(1000, outcome.Reviews);
    }

    [Fact]
    public void Users_never_hold_a_portfolio_their_location_or_device_cannot_have()
    {
        var spec = TestMarkets.ThreeIsps(users: 2000, review: 1, mptcp: 0);
        var structure = spec.BuildStructure();
        var block = UserBlock.Create(structure, spec.Population, new CounterRandom(9), 0, 2000);
        block.Review(View(spec, structure, 1));
        for (var i = 0; i < block.Count; i++)
        {
            var held = structure.Catalogue[block.PortfolioOf(i)];
            Assert.False(held.IsMultihomed);
            Assert.All(held.Providers, p => Assert.True(structure.Covers(p, block.LocationOf(i))));
        }
    }

    [Fact]
    public void A_price_cut_wins_customers()
    {
        var spec = TestMarkets.ThreeIsps(users: 3000, review: 1);
        var structure = spec.BuildStructure();
        var random = new CounterRandom(21);
        double[] normal = [20, 18, 10], cut = [10, 18, 10];
        var table = FlatThroughput(structure, 3);
        int Subscribers(double[] prices) => UserBlock.Create(structure, spec.Population, random, 0, 3000)
            .Review(new MarketView(1, prices, table)).Contracts[0];
        Assert.True(Subscribers(cut) > Subscribers(normal) * 1.2);
    }
}
