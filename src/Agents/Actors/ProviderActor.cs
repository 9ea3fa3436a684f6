using Akka.Actor;
using MarketSim.Agents.Protocol;
using MarketSim.Market.Accounting;
using MarketSim.Market.Providers;

namespace MarketSim.Agents.Actors;

/// <summary>An ISP or VMPO: keeps its books (bills, wholesale and revenue-share transfers, costs) and sets its next
/// price with its pricing rule, pricing against its cost per subscriber including what it pays other providers.</summary>
public sealed class ProviderActor : ReceiveActor
{
    /// <summary>Props for a provider.</summary>
    public static Props Props(ProviderSpec spec, IReadOnlyList<ProviderSpec> providers, double meanPriceSensitivity)
        => Akka.Actor.Props.Create(() => new ProviderActor(spec, providers, meanPriceSensitivity));

    /// <summary>Starts at the configured price.</summary>
    public ProviderActor(ProviderSpec spec, IReadOnlyList<ProviderSpec> providers, double meanPriceSensitivity)
    {
        double price = spec.InitialPrice;
        Receive<ProviderProtocol.Settle>(m =>
        {
            var books = MarketAccounting.Settle(m.Tick, spec, providers, price, m.Population, m.Demand);
            double unitCost = MarketAccounting.UnitCost(spec, providers, m.Demand);
            price = spec.Pricing.NextPrice(new PricingObservation(price, unitCost, books.Share, meanPriceSensitivity, m.ConnectedShare));
            Sender.Tell(new ProviderProtocol.Settled(books, price));
        });
    }
}
