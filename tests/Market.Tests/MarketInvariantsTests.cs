using MarketSim.Market.Accounting;

namespace MarketSim.Market.Tests;

public class MarketInvariantsTests
{
    private static MarketTotals Totals(int[] cells, int contracts, double payments)
        => MarketTotals.Empty(cells.Length, 1) with
        {
            CellCounts = cells, Contracts = [contracts], ChurnIn = [2], ChurnOut = [1], ChurnOutByCause = [1, 0, 0],
            PaymentMicros = [(long)Math.Round(payments * 1e6)],
        };

    private static readonly Providers.ProviderSpec[] Specs = [TestMarkets.Isp(0, "A", Providers.Technology.Cellular3G) with { MarginalCost = 0 }];

    private static ProviderTick Row(int subscribers, double revenue, int priceCause = 1, double profit = double.NaN)
        => new(3, 0, subscribers, 0.5, 2, 1, 10, revenue, double.IsNaN(profit) ? revenue : profit, 1, priceCause, 0, 0, 0, 0, subscribers);

    [Fact]
    public void A_consistent_tick_passes()
        => MarketInvariants.Check(3, 10, Totals([5, 5], 5, 50), [4], [Row(5, 50)], Specs);

    [Theory]
    [InlineData(9, 5, 5, 50.0, 50.0, 4, "population")]
    [InlineData(10, 5, 6, 50.0, 50.0, 4, "contracts")]
    [InlineData(10, 5, 5, 50.0, 51.0, 4, "payments")]
    [InlineData(10, 5, 5, 50.0, 50.0, 3, "churn")]
    public void Each_broken_law_is_named(int population, int subscribers, int contracts, double revenue, double payments, int previous, string word)
    {
        var error = Assert.Throws<InvariantViolationException>(() =>
            MarketInvariants.Check(3, population, Totals([5, 5], contracts, payments), [previous], [Row(subscribers, revenue)], Specs));
        Assert.Contains(word, error.Message);
    }
}

public class MoneyConservationTests
{
    private static readonly Providers.ProviderSpec[] Specs = [TestMarkets.Isp(0, "A", Providers.Technology.Cellular3G) with { MarginalCost = 2 }];

    private static MarketTotals Totals() => MarketTotals.Empty(2, 1) with
    {
        CellCounts = [5, 5], Contracts = [5], ChurnIn = [2], ChurnOut = [1], ChurnOutByCause = [0, 1, 0], PaymentMicros = [50_000_000],
    };

    private static ProviderTick Row(int price, int performance, double profit, double wholesaleIn = 0)
        => new(3, 0, 5, 0.5, 2, 1, 10, 50, profit, 1, price, performance, 0, wholesaleIn, 0, 5);

    [Fact]
    public void Profit_is_revenue_plus_transfers_minus_costs()
        => MarketInvariants.Check(3, 10, Totals(), [4], [Row(0, 1, 50 - 2 * 5)], Specs);

    [Fact]
    public void Profit_that_does_not_match_the_books_is_named()
        => Assert.Contains("books", Assert.Throws<InvariantViolationException>(() =>
            MarketInvariants.Check(3, 10, Totals(), [4], [Row(0, 1, 50)], Specs)).Message);

    [Fact]
    public void Causes_that_do_not_add_up_to_churn_are_named()
        => Assert.Contains("causes", Assert.Throws<InvariantViolationException>(() =>
            MarketInvariants.Check(3, 10, Totals(), [4], [Row(1, 1, 40)], Specs)).Message);

    [Fact]
    public void Money_received_from_nobody_breaks_conservation()
        => Assert.Contains("paid", Assert.Throws<InvariantViolationException>(() =>
            MarketInvariants.Check(3, 10, Totals(), [4], [Row(0, 1, 40 + 7, wholesaleIn: 7)], Specs)).Message);
}
