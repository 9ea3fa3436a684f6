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
    // Marginal cost 2 on 5 carried lines, fixed cost 3: profit = 50 + transfers in − transfers out − 10 − 3.
    private static readonly Providers.ProviderSpec[] Specs = [TestMarkets.Isp(0, "A", Providers.Technology.Cellular3G) with { MarginalCost = 2, FixedCost = 3 }];

    private static MarketTotals Totals() => MarketTotals.Empty(2, 1) with
    {
        CellCounts = [5, 5], Contracts = [5], ChurnIn = [2], ChurnOut = [1], ChurnOutByCause = [0, 1, 0], PaymentMicros = [50_000_000],
    };

    private static ProviderTick Row(int price, int performance, double profit, double wholesaleIn = 0, double cost = 10, double fixedCost = 3)
        => new(3, 0, 5, 0.5, 2, 1, 10, 50, profit, 1, price, performance, 0, wholesaleIn, 0, 5, cost, fixedCost);

    [Fact]
    public void Profit_is_revenue_plus_transfers_minus_cost_and_fixed_cost()
        => MarketInvariants.Check(3, 10, Totals(), [4], [Row(0, 1, 50 - 2 * 5 - 3)], Specs);

    [Fact]
    public void Profit_that_does_not_match_the_books_is_named()
        => Assert.Contains("books", Assert.Throws<InvariantViolationException>(() =>
            MarketInvariants.Check(3, 10, Totals(), [4], [Row(0, 1, 50 - 2 * 5)], Specs)).Message);

    [Fact]
    public void A_cost_column_that_does_not_follow_the_cost_rule_is_named()
        => Assert.Contains("cost 9", Assert.Throws<InvariantViolationException>(() =>
            MarketInvariants.Check(3, 10, Totals(), [4], [Row(0, 1, 50 - 9 - 3, cost: 9)], Specs)).Message);

    [Fact]
    public void A_fixed_cost_other_than_configured_is_named()
        => Assert.Contains("fixed cost", Assert.Throws<InvariantViolationException>(() =>
            MarketInvariants.Check(3, 10, Totals(), [4], [Row(0, 1, 50 - 10, fixedCost: 0)], Specs)).Message);

    [Fact]
    public void A_provider_out_of_the_market_pays_no_fixed_cost()
        => MarketInvariants.Check(3, 10, Totals(), [4], [Row(0, 1, 50 - 10, fixedCost: 0) with { InMarket = false }], Specs);

    [Fact]
    public void Causes_that_do_not_add_up_to_churn_are_named()
        => Assert.Contains("causes", Assert.Throws<InvariantViolationException>(() =>
            MarketInvariants.Check(3, 10, Totals(), [4], [Row(1, 1, 37)], Specs)).Message);

    [Fact]
    public void Money_received_from_nobody_breaks_conservation()
        => Assert.Contains("paid", Assert.Throws<InvariantViolationException>(() =>
            MarketInvariants.Check(3, 10, Totals(), [4], [Row(0, 1, 37 + 7, wholesaleIn: 7)], Specs)).Message);
}

public class WelfareIdentityTests
{
    private static readonly ProviderTick[] Rows =
    [
        new(3, 0, 5, 0.5, 0, 0, 10, 50, 30, 1, 0, 0, 0, 0, 0, 5),
        new(3, 1, 5, 0.5, 0, 0, 10, 50, -10, 1, 0, 0, 0, 0, 0, 5),
    ];

    private static MarketTick Market(double producer, double welfare, SurplusMeasure measure = SurplusMeasure.Realised)
        => new(3, 10, 10, 0, 5000, 4.0, 0, 0, 0, Choice.SegmentTally.Sum(Population.UserSegment.Count, []), 3.0, producer, welfare, measure);

    [Fact]
    public void Welfare_is_realised_consumer_surplus_plus_profits_per_user()
        => MarketInvariants.CheckWelfare(Market(producer: 2.0, welfare: 3.0 + 2.0), Rows);

    [Fact]
    public void Welfare_may_count_the_option_value_instead()
        => MarketInvariants.CheckWelfare(Market(producer: 2.0, welfare: 4.0 + 2.0, SurplusMeasure.OptionValue), Rows);

    [Fact]
    public void Producer_surplus_other_than_profits_per_user_is_named()
        => Assert.Contains("producer surplus", Assert.Throws<InvariantViolationException>(() =>
            MarketInvariants.CheckWelfare(Market(producer: 3.0, welfare: 6.0), Rows)).Message);

    [Fact]
    public void Welfare_other_than_the_sum_is_named()
        => Assert.Contains("welfare", Assert.Throws<InvariantViolationException>(() =>
            MarketInvariants.CheckWelfare(Market(producer: 2.0, welfare: 6.0), Rows)).Message);
}
