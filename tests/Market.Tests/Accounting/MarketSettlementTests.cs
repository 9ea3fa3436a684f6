using MarketSim.Market.Accounting;
using MarketSim.Market.Choice;
using MarketSim.Market.Population;
using MarketSim.Market.Providers;
using MarketSim.Market.Randomness;
using MarketSim.TestSupport;

namespace MarketSim.Market.Tests;

/// <summary>
/// The month's settlement driven as the clock drives it, without actors: users review, the settlement derives each
/// provider's demand, the provider closes its books, the settlement closes the month. Fees stay as configured.
/// </summary>
public class MarketSettlementTests
{
    // Every path that exists where its user lives delivers the same rate; one that does not, nothing (as the solve gives).
    private static ThroughputTable Flat(MarketStructure structure, double mbps) => NetworkBuilder.For(structure).ExistingPaths(mbps).Build();

    internal static IReadOnlyList<ClosedMonth> Run(MarketSpec spec, int months, ulong seed = 5)
    {
        var structure = spec.BuildStructure();
        var block = UserBlock.Create(structure, spec.Population, new CounterRandom(seed), 0, spec.Population.Users);
        var settlement = new MarketSettlement(spec, structure);
        var prices = spec.Providers.Select(p => p.InitialPrice).ToArray();
        var throughput = Flat(structure, 3);
        var n = spec.Providers.Count;
        var closed = new List<ClosedMonth>();
        for (var tick = 0; tick <= months; tick++)
        {
            var outcome = tick == 0 ? block.Opening() : block.Review(new MarketView(tick, prices, throughput, settlement.Withdrawn()));
            var totals = MarketTotals.Sum(structure.CellCount, n, [outcome]);
            var month = settlement.Demands(totals, prices, throughput);
            var books = spec.Providers.Select(p => MarketAccounting.Settle(tick, p, spec.Providers, prices[p.Index], spec.Population.Users, month.Demands[p.Index])).ToArray();
            closed.Add(settlement.Close(tick, totals, books));
        }
        return closed;
    }

    private static MarketSpec WithTariff(MarketSpec spec, Tariff tariff) => spec with { Providers = spec.Providers.Select(p => p with { Tariff = tariff }).ToList() };

    [Fact]
    public void With_fees_and_choices_fixed_a_rebate_moves_money_one_for_one_from_producers_to_consumers()
    {
        // Nobody reviews, so nobody's portfolio changes; VMPO wholesale and bundle revenue shares are in the books.
        var market = PlanMarkets.WithResellers(users: 1500) with { Population = TestMarkets.Users(1500, review: 0) };
        var flat = Run(market, 3);
        var rebate = Run(WithTariff(market, new Tariff(double.PositiveInfinity, 0, PromisedMbps: 10, Rebate: 0.6)), 3);
        for (var t = 1; t <= 3; t++)
        {
            var (f, r) = (flat[t].Market, rebate[t].Market);
            var billsSaved = flat[t].Providers.Sum(p => p.Revenue) - rebate[t].Providers.Sum(p => p.Revenue);
            Assert.True(billsSaved > 0.1 * flat[t].Providers.Sum(p => p.Revenue));
            Assert.Equal(billsSaved / f.Users, r.RealisedSurplus - f.RealisedSurplus, 1e-6);
            Assert.Equal(-billsSaved / f.Users, r.ProducerSurplus - f.ProducerSurplus, 1e-9);
            Assert.Equal(f.Welfare, r.Welfare, 1e-6);
        }
    }

    [Fact]
    public void Net_present_value_discounts_each_month_s_profit_after_the_entry_cost_and_names_the_break_even_month()
    {
        var plain = TestMarkets.ThreeIsps(users: 1200, review: 0.1, ticks: 12);
        var first = Run(plain, 12);
        var monthlyProfit = first[0].Providers[0].Profit;
        Assert.True(monthlyProfit > 0);
        const double rate = 0.12, fixedCost = 25;
        var entry = 3.5 * monthlyProfit;
        var spec = plain with
        {
            DiscountRate = rate,
            Providers = plain.Providers.Select(p => p.Index == 0 ? p with { FixedCost = fixedCost, EntryCost = entry } : p).ToList(),
        };
        var months = Run(spec, 12);
        var npv = -entry;
        var breakEven = -1;
        for (var t = 0; t <= 12; t++)
        {
            var row = months[t].Providers[0];
            // Same users and draws: the fixed cost comes off profit and nothing else moves (fees are fixed).
            Assert.Equal(first[t].Providers[0].Profit - fixedCost, row.Profit, 1e-6);
            Assert.Equal(fixedCost, row.FixedCost);
            npv += row.Profit / Math.Pow(1 + rate, t / 12.0);
            if (breakEven < 0 && npv >= 0) breakEven = t;
            Assert.Equal(npv, row.Npv, 1e-6);
            Assert.Equal(breakEven, row.BreakEvenMonth);
            var discounted = first[t].Providers[1].Profit / Math.Pow(1 + rate, t / 12.0);
            Assert.Equal(discounted, months[t].Providers[1].Npv - (t == 0 ? 0 : months[t - 1].Providers[1].Npv), 1e-6);
        }
        Assert.InRange(breakEven, 2, 11);
    }

    [Fact]
    public void A_provider_that_keeps_losing_money_leaves_and_its_users_choose_again()
    {
        var plain = TestMarkets.ThreeIsps(users: 1200, review: 0.05, ticks: 6);
        var spec = plain with { Providers = plain.Providers.Select(p => p.Index == 1 ? p with { FixedCost = 1e6, ExitAfterMonths = 2 } : p).ToList() };
        var months = Run(spec, 4);
        Assert.True(months[0].Providers[1].Subscribers > 100);
        Assert.True(months[1].Providers[1].InMarket);
        Assert.True(months[1].Providers[1].Subscribers > 100);
        for (var t = 2; t <= 4; t++)
        {
            var gone = months[t].Providers[1];
            Assert.False(gone.InMarket);
            Assert.Equal(0, gone.Subscribers);
            Assert.Equal(0, gone.FixedCost);
        }
        // Its former customers went elsewhere or to nothing, in one month, though few review in a month.
        Assert.Equal(months[1].Providers[1].Subscribers, months[2].Providers[1].ChurnOut);
    }

    [Fact]
    public void Without_an_exit_rule_a_loss_making_provider_stays()
    {
        var plain = TestMarkets.ThreeIsps(users: 600, review: 0.05, ticks: 4);
        var spec = plain with { Providers = plain.Providers.Select(p => p.Index == 1 ? p with { FixedCost = 1e6 } : p).ToList() };
        Assert.All(Run(spec, 4), m => Assert.True(m.Providers[1].InMarket));
    }

    [Fact]
    public void Month_zero_books_bill_the_plain_fees_as_the_per_user_output_does()
    {
        var spec = PlanMarkets.WithResellers(users: 800);
        var structure = spec.BuildStructure();
        var block = UserBlock.Create(structure, spec.Population, new CounterRandom(8), 0, 800);
        var opening = block.Opening();
        var users = UserStates.Capture(block, billing: null);
        Assert.Equal(users.Bills.Sum(), opening.PaymentMicros.Sum() / 1e6, 1e-6);
        for (var p = 0; p < spec.Providers.Count; p++)
            Assert.Equal(opening.Contracts[p] * spec.Providers[p].InitialPrice, opening.PaymentMicros[p] / 1e6, 1e-6);
        Assert.Equal(MarketAccounting.Subscribers(structure, opening.CellCounts), opening.Contracts);
    }
}
