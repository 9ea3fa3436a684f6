using MarketSim.Market.Providers;
using MarketSim.TestSupport;

namespace MarketSim.Market.Tests;

/// <summary>Small, fully specified markets for rule tests (built with the named builders of MarketSim.TestSupport).</summary>
internal static class TestMarkets
{
    /// <summary>A provider of <paramref name="technology"/>: <see cref="ProviderBuilder.Wlan"/> for WLAN, otherwise
    /// <see cref="ProviderBuilder.Isp"/>'s 3G defaults with that technology.</summary>
    public static ProviderBuilder Access(string name, Technology technology)
        => technology == Technology.Wlan ? ProviderBuilder.Wlan(name) : ProviderBuilder.Isp(name).Technology(technology);

    public static ProviderSpec Isp(int index, string name, Technology technology, double capacity = 40, double price = 20,
        double coverage = 1, double share = 0.3, PricingRule? pricing = null, Tariff? tariff = null)
        => Access(name, technology).Capacity(capacity).Fee(price).Coverage(coverage).Share(share)
            .Pricing(pricing ?? new PricingRule.Fixed()).Tariff(tariff ?? Tariff.Flat).Build(index);

    public static PopulationSpec Users(int count = 3000, double review = 0.2, double mptcp = 0.4, double publicWeight = 0.3)
        => PopulationBuilder.Typical(count).Review(review).Mptcp(mptcp).PublicInformation(publicWeight).Build();

    public static MarketSpec ThreeIsps(int users = 3000, double review = 0.2, int ticks = 12, double mptcp = 0.4)
        => Markets.TwoIspOneWlan(users).Ticks(ticks).Users(PopulationBuilder.Typical(users).Review(review).Mptcp(mptcp)).Build();

    /// <summary>
    /// The symmetric logit duopoly of DESIGN.md without capacity effects: quality 2, cost 1, outside good 0,
    /// mu = 1 / alpha = 0.25 (Bertrand-Nash price 1.47293), users who care only about price and review every month.
    /// </summary>
    public static MarketSpec LogitDuopoly(PricingRule pricing, int users = 2000, int ticks = 100)
        => Markets.Logit("logit-duopoly", users, alpha: 4,
                ProviderBuilder.LogitFirm(0, quality: 2, cost: 1).Fee(1.2).Share(0.3).Pricing(pricing),
                ProviderBuilder.LogitFirm(1, quality: 2, cost: 1).Fee(1.8).Share(0.3).Pricing(pricing))
            .Ticks(ticks).Build();

    /// <summary>Asserts that two market totals are the same books: cells, contracts, churn (with causes), payments,
    /// reviews, both surplus measures and every segment sum.</summary>
    public static void AssertSameBooks(Accounting.MarketTotals expected, Accounting.MarketTotals actual)
    {
        Assert.Equal(expected.CellCounts, actual.CellCounts);
        Assert.Equal(expected.Contracts, actual.Contracts);
        Assert.Equal(expected.ChurnIn, actual.ChurnIn);
        Assert.Equal(expected.ChurnOut, actual.ChurnOut);
        Assert.Equal(expected.ChurnOutByCause, actual.ChurnOutByCause);
        Assert.Equal(expected.PaymentMicros, actual.PaymentMicros);
        Assert.Equal(expected.Reviews, actual.Reviews);
        Assert.Equal(expected.ConsumerSurplusMicros, actual.ConsumerSurplusMicros);
        Assert.Equal(expected.RealisedSurplusMicros, actual.RealisedSurplusMicros);
        Assert.Equal(expected.Segments, actual.Segments);
    }
}
