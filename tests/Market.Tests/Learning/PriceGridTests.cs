using MarketSim.Market.Learning;

namespace MarketSim.Market.Tests.Learning;

public class PriceGridTests
{
    [Fact]
    public void Calvano_grid_spans_the_Nash_to_monopoly_range_widened_by_xi_on_each_side()
    {
        var grid = PriceGrid.Calvano(nashPrice: 1.5, monopolyPrice: 2.0, xi: 0.1, count: 15, firms: 2);
        Assert.Equal(15, grid.Count);
        Assert.Equal(225, grid.States);
        Assert.Equal(1.45, grid.Price(0), 1e-12);
        Assert.Equal(2.05, grid.Price(14), 1e-12);
        for (var k = 1; k < grid.Count; k++) Assert.Equal(0.6 / 14, grid.Price(k) - grid.Price(k - 1), 1e-12);
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(1.0, 0)]
    [InlineData(1.24, 0)]
    [InlineData(1.25, 0)]
    [InlineData(1.26, 1)]
    [InlineData(2.0, 2)]
    [InlineData(9.0, 2)]
    public void A_price_maps_to_the_nearest_grid_price(double price, int expected)
    {
        var grid = new PriceGrid([1.0, 1.5, 2.0], firms: 1);
        Assert.Equal(expected, grid.Nearest(price));
    }

    [Theory]
    [InlineData(new[] { 0, 0, 0 }, 0)]
    [InlineData(new[] { 1, 0, 0 }, 1)]
    [InlineData(new[] { 0, 1, 0 }, 4)]
    [InlineData(new[] { 3, 2, 1 }, 3 + 2 * 4 + 1 * 16)]
    [InlineData(new[] { 3, 3, 3 }, 63)]
    public void A_state_numbers_the_price_profile_with_firm_zero_as_the_lowest_digit(int[] actions, int expected)
    {
        var grid = new PriceGrid([1.0, 2.0, 3.0, 4.0], firms: 3);
        Assert.Equal(expected, grid.StateOf(actions));
        var decoded = new int[3];
        grid.Decode(expected, decoded);
        Assert.Equal(actions, decoded);
        for (var i = 0; i < 3; i++) Assert.Equal(actions[i], grid.ActionOf(expected, i));
        Assert.Equal(expected, grid.StateOfPrices(actions.Select(a => grid.Price(a) + 0.1).ToArray()));
    }

    [Fact]
    public void Out_of_range_actions_and_oversized_state_spaces_are_refused()
    {
        var grid = new PriceGrid([1.0, 2.0], firms: 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => grid.StateOf([0, 2]));
        Assert.Throws<ArgumentException>(() => grid.StateOf([0]));
        Assert.Throws<ArgumentException>(() => new PriceGrid([1.0, 1.0], firms: 1));
        Assert.Throws<ArgumentException>(() => new PriceGrid(Enumerable.Range(0, 15).Select(k => (double)k).ToArray(), firms: 7));
    }

    [Fact]
    public void Initial_Q_is_the_discounted_profit_against_uniformly_random_opponents()
    {
        var demand = LogitDemand.Symmetric(2, 2, 1, 0, 0.25);
        var grid = new PriceGrid([1.5, 1.9], firms: 2);
        var table = new PayoffTable(demand, grid);
        var values = table.UniformOpponentValues(firm: 1, delta: 0.95);
        for (var own = 0; own < 2; own++)
        {
            var average = (demand.ProfitsAt([1.5, grid.Price(own)])[1] + demand.ProfitsAt([1.9, grid.Price(own)])[1]) / 2;
            Assert.Equal(average / 0.05, values[own], 1e-12);
        }
    }
}
