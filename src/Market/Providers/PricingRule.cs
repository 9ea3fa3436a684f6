namespace MarketSim.Market.Providers;

/// <summary>How a provider sets next tick's price from what it observed this tick. Pure: no state outside the arguments.</summary>
public abstract record PricingRule
{
    private PricingRule() { }

    /// <summary>The price for the next tick.</summary>
    public abstract double NextPrice(in PricingObservation observation);

    /// <summary>
    /// The collusive benchmark: the price that maximises the providers' joint profit under symmetric logit demand,
    /// p = c + 1 / (alpha (1 − S)) with S the share of users served by anyone (the first-order condition of a
    /// monopolist owning every product). Moves a fraction <see cref="Step"/> of the way per tick.
    /// </summary>
    /// <param name="Step">Fraction of the gap closed per tick, in (0, 1].</param>
    /// <param name="MinPrice">Floor of the price.</param>
    /// <param name="MaxPrice">Ceiling of the price.</param>
    public sealed record JointBestResponse(double Step, double MinPrice, double MaxPrice) : PricingRule
    {
        /// <inheritdoc />
        public override double NextPrice(in PricingObservation observation)
        {
            double served = Math.Min(observation.ConnectedShare, 0.999);
            double target = observation.MarginalCost + 1.0 / (observation.MeanPriceSensitivity * (1.0 - served));
            return Math.Clamp(observation.Price + Step * (target - observation.Price), MinPrice, MaxPrice);
        }
    }

    /// <summary>Keeps the configured price for ever.</summary>
    public sealed record Fixed : PricingRule
    {
        /// <inheritdoc />
        public override double NextPrice(in PricingObservation observation) => observation.Price;
    }

    /// <summary>
    /// Myopic best response under logit demand: a single-product firm facing logit demand with price
    /// sensitivity alpha maximises (p - c) s(p) where p = c + 1 / (alpha (1 - s)) (the Bertrand first-order
    /// condition). The firm plugs in its observed share and the population's mean price sensitivity, and moves
    /// a fraction <see cref="Step"/> of the way there (partial adjustment damps the reaction to churn noise).
    /// </summary>
    /// <param name="Step">Fraction of the gap closed per tick, in (0, 1].</param>
    /// <param name="MinPrice">Floor of the price.</param>
    /// <param name="MaxPrice">Ceiling of the price.</param>
    public sealed record BestResponse(double Step, double MinPrice, double MaxPrice) : PricingRule
    {
        /// <inheritdoc />
        public override double NextPrice(in PricingObservation observation)
        {
            double share = Math.Min(observation.Share, 0.999);
            double target = observation.MarginalCost + 1.0 / (observation.MeanPriceSensitivity * (1.0 - share));
            double next = observation.Price + Step * (target - observation.Price);
            return Math.Clamp(next, MinPrice, MaxPrice);
        }
    }
}

/// <summary>What a provider knows when it sets its next price.</summary>
/// <param name="Price">This tick's price.</param>
/// <param name="MarginalCost">Cost per subscriber per tick.</param>
/// <param name="Share">Subscribers over population, in [0, 1].</param>
/// <param name="MeanPriceSensitivity">Population mean of the logit price coefficient (1 / money).</param>
/// <param name="ConnectedShare">Share of all users holding any access (every provider's customers together).</param>
public readonly record struct PricingObservation(double Price, double MarginalCost, double Share, double MeanPriceSensitivity, double ConnectedShare = 0);
