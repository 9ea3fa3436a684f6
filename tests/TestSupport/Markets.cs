using MarketSim.Market.Providers;

namespace MarketSim.TestSupport;

/// <summary>Named test markets, to be varied by name (<c>Markets.TwoIspOneWlan().With("B", b => b.Fee(15))</c>).</summary>
public static class Markets
{
    /// <summary>
    /// "A" and "B" (3G, A with 40 % of the users at fee 20, B a 30 Mbit/s cell at fee 18 with 30 %) and "W", a 54 Mbit/s
    /// WLAN at fee 10 on half of the 6 locations with 10 %; every fee fixed; 3000 <see cref="PopulationBuilder.Typical"/>
    /// users; 12 months.
    /// </summary>
    public static MarketBuilder TwoIspOneWlan(int users = 3000) => MarketBuilder.Of("test",
            ProviderBuilder.Isp("A").Share(0.4),
            ProviderBuilder.Isp("B").Capacity(30).Fee(18).Share(0.3),
            ProviderBuilder.Wlan("W").Capacity(54).Fee(10).Coverage(0.5).Share(0.1))
        .Locations(6).Users(PopulationBuilder.Typical(users));

    /// <summary>
    /// <see cref="TwoIspOneWlan"/> plus the paper's other stakeholders: "V", a VMPO pooling A and W, and "A+W", A's bundle
    /// line of A with W (A shares 40 % of its revenue), each with 5 % of the users (A starts with 35 %); A and W sell
    /// wholesale at 30 % and 20 % off retail; users review 30 % of months, 60 % of them MPTCP-capable.
    /// </summary>
    public static MarketBuilder TwoIspOneWlanWithResellers(int users = 3000) => TwoIspOneWlan(users).Named("plans")
        .With("A", a => a.Share(0.35).WholesaleDiscount(0.3))
        .With("W", w => w.WholesaleDiscount(0.2))
        .Add(ProviderBuilder.Vmpo("V", 0, 2).Share(0.05))
        .Add(ProviderBuilder.ProductLine("A+W", owner: 0, new Offer([0, 2], OfferRouting.Terminal, 0, RevenueShare: 0.4)).Share(0.05))
        .Users(PopulationBuilder.Typical(users).Review(0.3).Mptcp(0.6));

    /// <summary>
    /// A textbook logit market of <paramref name="firms"/> (see <see cref="ProviderBuilder.LogitFirm"/>): one location,
    /// single-homed <see cref="PopulationBuilder.PriceOnly"/> users with price coefficient <paramref name="alpha"/>.
    /// </summary>
    public static MarketBuilder Logit(string name, int users, double alpha, params ProviderBuilder[] firms)
        => MarketBuilder.Of(name, firms).Multihoming(false).Users(PopulationBuilder.PriceOnly(users, alpha));
}
