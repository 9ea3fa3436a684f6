using Akka.Actor;
using MarketSim.Agents.Protocol;
using MarketSim.Market;
using MarketSim.Market.Accounting;
using MarketSim.Market.PriceSetting;
using MarketSim.Market.Pricing;
using MarketSim.Market.Providers;

namespace MarketSim.Agents.Actors;

/// <summary>
/// An ISP, VMPO or product line: keeps its books (bills, wholesale and revenue-share transfers, costs) and sets its
/// next price with the price setter its pricing rule creates, pricing against its cost per subscriber including what
/// it pays other providers. The setter may learn (it owns state for the whole run), so the actor creates it once, in
/// its constructor, from the run's seed; the actor only routes observations to it.
/// </summary>
public sealed class ProviderActor : ReceiveActor
{
    /// <summary>Props for provider <paramref name="index"/> of <paramref name="market"/> in the run with <paramref name="seed"/>;
    /// <paramref name="oracle"/> is the run's shared oracle pricing (null when no provider prices with it).</summary>
    public static Props Props(MarketSpec market, int index, ulong seed, OraclePricing? oracle = null)
        => Akka.Actor.Props.Create(() => new ProviderActor(market, index, seed, oracle));

    /// <summary>Starts at the configured price.</summary>
    public ProviderActor(MarketSpec market, int index, ulong seed, OraclePricing? oracle)
    {
        var spec = market.Providers[index];
        var setter = spec.Pricing.CreateSetter(new PricingContext(market, index, seed, oracle));
        var price = spec.InitialPrice;
        Receive<ProviderProtocol.Settle>(m =>
        {
            var books = MarketAccounting.Settle(m.Tick, spec, market.Providers, price, m.Population, m.Demand);
            var unitCost = MarketAccounting.UnitCost(spec, market.Providers, m.Demand);
            price = setter.NextPrice(new PricingObservation(price, unitCost, books.Share, market.MeanPriceSensitivity, m.ConnectedShare,
                m.Tick, books.Profit, m.Population, m.Prices, m.Throughput));
            Sender.Tell(new ProviderProtocol.Settled(books, price));
        });
    }
}
