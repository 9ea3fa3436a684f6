using Akka.Actor;
using MarketSim.Agents.Protocol;
using MarketSim.Market.Accounting;
using MarketSim.Market.Providers;

namespace MarketSim.Agents.Actors;

/// <summary>An ISP: bills its subscribers, keeps its books and sets its next price with its pricing rule.</summary>
public sealed class ProviderActor : ReceiveActor
{
    /// <summary>Props for a provider.</summary>
    public static Props Props(ProviderSpec spec, double meanPriceSensitivity)
        => Akka.Actor.Props.Create(() => new ProviderActor(spec, meanPriceSensitivity));

    /// <summary>Starts at the configured price.</summary>
    public ProviderActor(ProviderSpec spec, double meanPriceSensitivity)
    {
        double price = spec.InitialPrice;
        Receive<ProviderProtocol.Settle>(m =>
        {
            var books = MarketAccounting.Settle(m.Tick, spec, price, m.Subscribers, m.Population, m.ChurnIn, m.ChurnOut, m.MeanThroughputMbps, m.Billed);
            price = spec.Pricing.NextPrice(new PricingObservation(price, spec.MarginalCost, books.Share, meanPriceSensitivity, m.ConnectedShare));
            Sender.Tell(new ProviderProtocol.Settled(books, price));
        });
    }
}
