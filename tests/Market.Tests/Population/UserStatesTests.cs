using MarketSim.Market.Choice;
using MarketSim.Market.Population;
using MarketSim.Market.Providers;
using MarketSim.Market.Randomness;
using MarketSim.Transport;

namespace MarketSim.Market.Tests;

public class UserStatesTests
{
    /// <summary>Three ISPs whose bills depend on throughput and usage, so a wrong rate or traffic split shows.</summary>
    private static MarketSpec PerformanceMarket(int users) => new("states", 6, Locations: 6, AllowMultihoming: true, Controller.Lia,
        [
            TestMarkets.Isp(0, "A", Technology.Cellular3G, share: 0.4, tariff: new Tariff(double.PositiveInfinity, 0, PromisedMbps: 6, Rebate: 0.6)),
            TestMarkets.Isp(1, "B", Technology.Cellular3G, capacity: 30, price: 18, share: 0.3, tariff: new Tariff(AllowanceGb: 3, OveragePerGb: 2, 0, 0)),
            TestMarkets.Isp(2, "W", Technology.Wlan, capacity: 54, price: 10, coverage: 0.5, share: 0.1),
        ],
        TestMarkets.Users(users, review: 0.5));

    /// <summary>Rates that differ by cell and slot.</summary>
    private static ThroughputTable Uneven(MarketStructure structure)
        => new(structure, Enumerable.Range(0, structure.CellCount * structure.Catalogue.MaxPaths).Select(k => 0.5 + k % 5).ToArray());

    private static MarketView View(MarketSpec spec, MarketStructure structure, int tick)
        => new(tick, spec.Providers.Select(p => p.InitialPrice).ToArray(), Uneven(structure));

    [Fact]
    public void States_are_the_users_own_location_device_and_portfolio_in_user_order()
    {
        var spec = PerformanceMarket(300);
        var structure = spec.BuildStructure();
        var block = UserBlock.Create(structure, spec.Population, new CounterRandom(3), 1000, 300);
        block.Review(View(spec, structure, 1));
        var states = UserStates.Capture(block, View(spec, structure, 1));
        Assert.Equal(Enumerable.Range(1000, 300), states.UserIds);
        Assert.Equal(300, states.Count);
        for (var i = 0; i < 300; i++)
        {
            Assert.Equal(block.LocationOf(i), states.Locations[i]);
            Assert.Equal(block.PortfolioOf(i), states.Portfolios[i]);
            Assert.Equal(UserTraits.MptcpCapable(new CounterRandom(3), 1000 + i, spec.Population.MptcpShare), states.MptcpCapable[i]);
        }
    }

    [Fact]
    public void Bills_add_up_to_what_the_review_billed_each_provider()
    {
        var spec = PerformanceMarket(2000);
        var structure = spec.BuildStructure();
        var block = UserBlock.Create(structure, spec.Population, new CounterRandom(7), 0, 2000);
        var view = View(spec, structure, 1);
        var outcome = block.Review(view);
        var states = UserStates.Capture(block, view);
        var billed = outcome.PaymentMicros.Sum() / 1e6;
        Assert.Equal(billed, states.Bills.Sum(), 1e-6 * 2000);
        Assert.Contains(PortfolioCatalogue.Outside, states.Portfolios);
        Assert.All(Enumerable.Range(0, 2000).Where(i => states.Portfolios[i] == PortfolioCatalogue.Outside), i => Assert.Equal(0.0, states.Bills[i]));
        // The performance and usage tariffs make bills differ between users of the same provider.
        Assert.True(states.Bills.Where((_, i) => states.Portfolios[i] == 1).Distinct().Count() > 1);
    }

    [Fact]
    public void Without_a_view_the_bill_is_the_plain_monthly_fees_of_month_zero()
    {
        var spec = PerformanceMarket(500);
        var structure = spec.BuildStructure();
        var states = UserStates.Capture(UserBlock.Create(structure, spec.Population, new CounterRandom(5), 0, 500), billing: null);
        for (var i = 0; i < 500; i++)
        {
            var fees = structure.Catalogue[states.Portfolios[i]].Providers.Sum(p => spec.Providers[p].InitialPrice);
            Assert.Equal(fees, states.Bills[i]);
        }
    }

    [Fact]
    public void Splitting_users_into_blocks_gives_the_same_states()
    {
        var spec = PerformanceMarket(200);
        var structure = spec.BuildStructure();
        var random = new CounterRandom(11);
        var whole = UserBlock.Create(structure, spec.Population, random, 0, 200);
        var pieces = Enumerable.Range(0, 200 / 9 + 1).Select(b => UserBlock.Create(structure, spec.Population, random, b * 9, Math.Min(9, 200 - b * 9))).ToArray();
        var view = View(spec, structure, 1);
        whole.Review(view);
        foreach (var piece in pieces) piece.Review(view);
        var one = UserStates.Capture(whole, view);
        var many = pieces.Select(p => UserStates.Capture(p, view)).ToArray();
        Assert.Equal(one.Portfolios, many.SelectMany(s => s.Portfolios));
        Assert.Equal(one.Bills, many.SelectMany(s => s.Bills));
        Assert.Equal(one.Locations, many.SelectMany(s => s.Locations));
    }

    [Fact]
    public void Throughput_is_the_sum_over_the_users_accesses_and_NaN_for_none()
    {
        var spec = PerformanceMarket(1000);
        var structure = spec.BuildStructure();
        var table = Uneven(structure);
        var block = UserBlock.Create(structure, spec.Population, new CounterRandom(2), 0, 1000);
        block.Review(new MarketView(1, [20, 18, 10], table));
        var states = UserStates.Capture(block, null);
        var mbps = new double[1000];
        states.FillThroughput(structure, table, mbps);
        Assert.Contains(states.Portfolios, p => structure.Catalogue[p].IsMultihomed);
        for (var i = 0; i < 1000; i++)
        {
            var held = structure.Catalogue[states.Portfolios[i]];
            var cell = structure.Cell(states.Locations[i], held.Index);
            if (held.IsOutside) Assert.True(double.IsNaN(mbps[i]));
            else Assert.Equal(Enumerable.Range(0, held.Providers.Count).Sum(s => table.Mbps(cell, s)), mbps[i], 12);
        }
    }

    [Fact]
    public void Spans_of_the_wrong_length_are_rejected()
    {
        var spec = PerformanceMarket(10);
        var block = UserBlock.Create(spec.BuildStructure(), spec.Population, new CounterRandom(1), 0, 10);
        Assert.Throws<ArgumentException>(() => block.CopyStates(null, new int[10], new bool[10], new int[9], new double[10]));
    }
}
