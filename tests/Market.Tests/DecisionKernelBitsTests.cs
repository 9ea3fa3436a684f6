using MarketSim.Market.Accounting;
using MarketSim.Market.Choice;
using MarketSim.Market.Population;
using MarketSim.Market.Providers;
using MarketSim.Market.Randomness;
using MarketSim.Transport;

namespace MarketSim.Market.Tests;

/// <summary>
/// The decision kernel's bits, pinned: a 20,000-user market over six months whose device share splits every location
/// between MPTCP and legacy devices (vectors of users with mixed option counts) and whose month 4 withdraws a provider's
/// plans, under flat tariffs, a usage tariff and the nested logit. The totals are what the per-user code of 3c0196b (before
/// the option-major kernel) gave, to the last millionth; and one block of everyone in id order, and blocks of 13 users in
/// (location, device draw) order (partial chunks, padding), give the same books every month.
/// </summary>
public class DecisionKernelBitsTests
{
    private const int Users = 20_000;

    private static MarketSpec Market(int mode)
    {
        var usage = mode == 1 ? new Tariff(AllowanceGb: 4, OveragePerGb: 2.5, PromisedMbps: 0, Rebate: 0) : Tariff.Flat;
        var spec = new MarketSpec("kernel-bits", 12, Users / 500, true, Controller.Lia,
            [
                new IspSpec(new ProviderId(0), "3G-A", Technology.Cellular3G, 42, 7.2, 0.12, 1, 1, 7.2, 6, 20, 0.4, new PricingRule.Markup(0.25, 0, 80), Tariff.Flat),
                new IspSpec(new ProviderId(1), "3G-B", Technology.Cellular3G, 28, 7.2, 0.14, 1, 0, 7.2, 6, 18, 0.35, new PricingRule.Markup(0.25, 0, 80), usage),
                new IspSpec(new ProviderId(2), "WLAN", Technology.Wlan, 54, 20, 0.03, 0.5, 0, 20, 3, 12, 0.1, new PricingRule.Fixed(), Tariff.Flat),
            ],
            new PopulationSpec(Users, 0.35, 0.25, 0.3, 9, 0.4, 1, 0.15, 3, 1, 1.5, 0.3, 0.2, 8, 0.6));
        return mode == 2 ? spec with { Population = spec.Population with { Demand = new DemandModel(true, 0.6, null) } } : spec;
    }

    /// <summary>Month <paramref name="tick"/>'s view: the kernel tests' uneven rates and moving fees, a device share of
    /// 0.12 × tick, and provider 1's plans withdrawn in month 4.</summary>
    private static MarketView View(MarketSpec spec, MarketStructure structure, int tick)
    {
        var withdrawn = structure.Catalogue.All.Select(p => p.Providers.Contains(1)).ToArray();
        return DecisionKernelTests.UnevenView(spec, structure, tick, tick == 4 ? withdrawn : null) with { MptcpCapableShare = 0.12 * tick };
    }

    [Theory]
    [InlineData(0, 163369517021L, 95016068321L, 203347400000L)]
    [InlineData(1, 155878009179L, 92293485162L, 201826019534L)]
    [InlineData(2, 150953327292L, 86473022448L, 189638300000L)]
    public void Six_months_give_the_pinned_totals_in_any_block_layout(int mode, long surplus, long realised, long payments)
    {
        var spec = Market(mode);
        var structure = spec.BuildStructure();
        var random = new CounterRandom(17);
        var everyone = new[] { UserBlock.Create(structure, spec.Population, random, 0, Users) };
        var small = UserPartition.ByLocation(structure, random, Users, 13).Select(ids => UserBlock.Create(structure, spec.Population, random, ids)).ToArray();
        MarketTotals? last = null;
        for (var tick = 1; tick <= 6; tick++)
        {
            var view = View(spec, structure, tick);
            var whole = MarketTotals.Sum(structure.CellCount, structure.ProviderCount, everyone.Select(b => b.Review(view)));
            var blocks = MarketTotals.Sum(structure.CellCount, structure.ProviderCount, small.Select(b => b.Review(view)));
            TestMarkets.AssertSameBooks(whole, blocks);
            last = whole;
        }
        Assert.Equal(surplus, last!.ConsumerSurplusMicros);
        Assert.Equal(realised, last.RealisedSurplusMicros);
        Assert.Equal(payments, last.PaymentMicros.Sum());
        Assert.Equal(2999, last.Reviews);
    }
}
