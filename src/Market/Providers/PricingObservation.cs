namespace MarketSim.Market.Providers;

/// <summary>What a provider knows when it sets its next price, at the end of a tick.</summary>
/// <param name="Price">This tick's price.</param>
/// <param name="MarginalCost">Cost per subscriber per tick.</param>
/// <param name="Share">Subscribers over population, in [0, 1].</param>
/// <param name="MeanPriceSensitivity">Population mean of the logit price coefficient (1 / money).</param>
/// <param name="ConnectedShare">Share of all users holding any access (every provider's customers together).</param>
/// <param name="Tick">The tick just settled (0 = the starting market).</param>
/// <param name="Profit">The provider's profit this tick, money per month (revenue + transfers in − transfers out − costs, as booked).</param>
/// <param name="Population">Number of users in the market.</param>
/// <param name="Prices">Every provider's price this tick, by provider index (this provider's included); null when the
/// host does not supply them (rules that need them refuse a null).</param>
/// <param name="Throughput">The rates the transport model solved this tick, what users will weigh next month; null when the
/// host does not supply them (rules that price with the demand oracle refuse a null).</param>
public readonly record struct PricingObservation(
    double Price,
    double MarginalCost,
    double Share,
    double MeanPriceSensitivity,
    double ConnectedShare = 0,
    int Tick = 0,
    double Profit = 0,
    int Population = 0,
    IReadOnlyList<double>? Prices = null,
    ThroughputTable? Throughput = null);
