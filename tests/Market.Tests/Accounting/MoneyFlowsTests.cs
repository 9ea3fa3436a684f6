using MarketSim.Market.Accounting;
using MarketSim.Market.Providers;

namespace MarketSim.Market.Tests;

public class MoneyFlowsTests
{
    private static readonly double[] Prices = [20, 18, 10, 24, 26];
    private static readonly MarketSpec Spec = PlanMarkets.WithResellers();
    private static readonly MarketStructure Structure = Spec.BuildStructure();
    private static readonly int Hotspot = Enumerable.Range(0, 6).First(l => Structure.Covers(2, l));
    private static readonly int Elsewhere = Enumerable.Range(0, 6).First(l => !Structure.Covers(2, l));

    /// <summary>Cell counts with <paramref name="inHotspot"/> holders of <paramref name="provider"/>'s plan inside WLAN
    /// coverage and <paramref name="outside"/> outside it.</summary>
    private static int[] Holders(int provider, int inHotspot, int outside)
    {
        var counts = new int[Structure.CellCount];
        counts[Structure.Cell(Hotspot, Structure.Catalogue.Single(provider))] = inHotspot;
        counts[Structure.Cell(Elsewhere, Structure.Catalogue.Single(provider))] = outside;
        return counts;
    }

    private static long[,] Lines(int[] counts) => MoneyFlows.LinesBySellerAndAccess(Structure, counts);

    [Fact]
    public void A_VMPO_pays_each_ISP_its_wholesale_price_for_every_line_that_ISP_carries()
    {
        var transfers = MoneyFlows.Compute(Structure, Lines(Holders(3, 30, 20)), [0, 0, 0, 50, 0], [0, 0, 0, 1_200_000_000, 0], Prices);
        Assert.Equal(50 * 0.7 * 20 * 1e6, transfers[3, 0], 3);   // 3G-A carries every subscriber
        Assert.Equal(30 * 0.8 * 10 * 1e6, transfers[3, 2], 3);   // WLAN only those inside its hotspots
        Assert.Equal(0, transfers[3, 1]);
        Assert.Equal(50 * 0.7 * 20 + 30 * 0.8 * 10, MoneyFlows.PaidBy(transfers, 3), 6);
    }

    [Fact]
    public void A_product_line_pays_its_partner_the_revenue_share_of_bills_where_the_partner_carries_them_and_its_owner_nothing()
    {
        // 40 subscribers billed 1,000 in all (25 each); 10 of them inside hotspots.
        var transfers = MoneyFlows.Compute(Structure, Lines(Holders(4, 10, 30)), [0, 0, 0, 0, 40], [0, 0, 0, 0, 1_000_000_000], Prices);
        Assert.Equal(0.4 * 25 * 10 * 1e6, transfers[4, 2], 3);
        Assert.Equal(0, transfers[4, 0]);
        Assert.Equal(100, MoneyFlows.ReceivedBy(transfers, 2), 9);
    }

    [Fact]
    public void Plain_ISPs_pay_each_other_nothing()
    {
        var structure = TestMarkets.ThreeIsps().BuildStructure();
        var counts = Enumerable.Repeat(5, structure.CellCount).ToArray();
        var transfers = MoneyFlows.Compute(structure, MoneyFlows.LinesBySellerAndAccess(structure, counts), [10, 10, 10], [1, 2, 3], [20, 18, 10]);
        Assert.All(Enumerable.Range(0, 3), p => Assert.Equal(0, MoneyFlows.PaidBy(transfers, p)));
    }

    [Fact]
    public void A_product_line_prices_against_its_owners_network_cost_and_the_owner_does_not_count_its_lines_twice()
    {
        var line = Spec.Providers[4];
        Assert.Equal(line.MarginalCost + Spec.Providers[0].MarginalCost, MarketAccounting.CostPerSubscriber(line, Spec.Providers), 12);
        var counts = Holders(4, 7, 0);
        counts[Structure.Cell(Hotspot, Structure.Catalogue.Single(3))] = 5;   // VMPO users there too
        var carried = MarketAccounting.Carried(Structure, Lines(counts));
        Assert.Equal(5, carried[0]);        // A carries the VMPO's lines, not its own bundle line's
        Assert.Equal(12, carried[2]);       // W carries both (paid by wholesale and revenue share)
        Assert.Equal(0, carried[3]);
    }

    [Fact]
    public void A_dual_line_costs_two_lines_whether_the_ISP_or_its_product_line_sells_it()
    {
        var isp = TestMarkets.Isp(0, "D", Technology.FixedLine, share: 0) with { MarginalCost = 8 };
        var ownDual = new MarketStructure([isp with { Offer = new Offer([0, 0], OfferRouting.Terminal, 0, 0) }], 1, false);
        var counts = new int[ownDual.CellCount];
        counts[ownDual.Cell(0, 1)] = 10;
        Assert.Equal(20, MarketAccounting.Carried(ownDual, MoneyFlows.LinesBySellerAndAccess(ownDual, counts))[0]);

        var line = PlanMarkets.ProductLine(1, "D-dual", owner: 0, new Offer([0, 0], OfferRouting.Terminal, 0, 0), cost: 0);
        Assert.Equal(2 * 8, MarketAccounting.CostPerSubscriber(line, [isp, line]), 12);
    }
}
