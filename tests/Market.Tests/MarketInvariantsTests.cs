using MarketSim.Market.Accounting;

namespace MarketSim.Market.Tests;

public class MarketInvariantsTests
{
    private static MarketTotals Totals(int[] cells, int contracts, double payments)
        => new(cells, [contracts], [2], [1], [(long)Math.Round(payments * 1e6)], 0, 0);

    private static ProviderTick Row(int subscribers, double revenue) => new(3, 0, subscribers, 0.5, 2, 1, 10, revenue, 0, 1);

    [Fact]
    public void A_consistent_tick_passes()
        => MarketInvariants.Check(3, 10, Totals([5, 5], 5, 50), [4], [Row(5, 50)]);

    [Theory]
    [InlineData(9, 5, 5, 50.0, 50.0, 4, "population")]
    [InlineData(10, 5, 6, 50.0, 50.0, 4, "contracts")]
    [InlineData(10, 5, 5, 50.0, 51.0, 4, "payments")]
    [InlineData(10, 5, 5, 50.0, 50.0, 3, "churn")]
    public void Each_broken_law_is_named(int population, int subscribers, int contracts, double revenue, double payments, int previous, string word)
    {
        var error = Assert.Throws<InvariantViolationException>(() =>
            MarketInvariants.Check(3, population, Totals([5, 5], contracts, payments), [previous], [Row(subscribers, revenue)]));
        Assert.Contains(word, error.Message);
    }
}
