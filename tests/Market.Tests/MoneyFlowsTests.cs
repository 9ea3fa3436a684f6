using MarketSim.Market.Accounting;

namespace MarketSim.Market.Tests;

public class MoneyFlowsTests
{
    private static readonly double[] Prices = [20, 18, 10, 24, 26];

    [Fact]
    public void A_VMPO_pays_each_ISP_of_its_plan_the_wholesale_price_per_subscriber()
    {
        var structure = PlanMarkets.WithResellers().BuildStructure();
        var transfers = MoneyFlows.Compute(structure, [100, 80, 30, 50, 0], [2_000_000_000, 0, 0, 1_200_000_000, 0], Prices);
        Assert.Equal(50 * 0.7 * 20 * 1e6, transfers[3, 0], 3);
        Assert.Equal(50 * 0.8 * 10 * 1e6, transfers[3, 2], 3);
        Assert.Equal(0, transfers[3, 1]);
        Assert.Equal(50 * (0.7 * 20 + 0.8 * 10), MoneyFlows.PaidBy(transfers, 3), 6);
    }

    [Fact]
    public void A_product_line_pays_its_partner_the_revenue_share_and_its_owner_nothing()
    {
        var structure = PlanMarkets.WithResellers().BuildStructure();
        var transfers = MoneyFlows.Compute(structure, [100, 80, 30, 0, 40], [0, 0, 0, 0, 1_000_000_000], Prices);
        Assert.Equal(0.4 * 1000 * 1e6, transfers[4, 2], 3);
        Assert.Equal(0, transfers[4, 0]);
        Assert.Equal(400, MoneyFlows.ReceivedBy(transfers, 2), 9);
    }

    [Fact]
    public void Plain_ISPs_pay_each_other_nothing()
    {
        var structure = TestMarkets.ThreeIsps().BuildStructure();
        var transfers = MoneyFlows.Compute(structure, [10, 10, 10], [1, 2, 3], [20, 18, 10]);
        Assert.All(Enumerable.Range(0, 3), p => Assert.Equal(0, MoneyFlows.PaidBy(transfers, p)));
    }

    [Fact]
    public void A_product_line_prices_against_its_owners_network_cost_and_the_owner_does_not_count_its_users_twice()
    {
        var spec = PlanMarkets.WithResellers();
        var line = spec.Providers[4];
        Assert.Equal(line.MarginalCost + spec.Providers[0].MarginalCost, MarketAccounting.CostPerSubscriber(line, spec.Providers), 12);
        var structure = spec.BuildStructure();
        var counts = new int[structure.CellCount];
        counts[structure.Cell(0, structure.Catalogue.Single(4))] = 7;   // bundle users where WLAN covers (location 0)
        counts[structure.Cell(0, structure.Catalogue.Single(3))] = 5;   // VMPO users there
        var carried = MarketAccounting.Carried(structure, counts);
        Assert.Equal(5, carried[0]);        // A carries the VMPO's users, not its own bundle line's
        Assert.Equal(12, carried[2]);       // W carries both (paid by wholesale and revenue share)
        Assert.Equal(0, carried[3]);
    }
}
