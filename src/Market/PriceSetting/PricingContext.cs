using MarketSim.Market.Pricing;

namespace MarketSim.Market.PriceSetting;

/// <summary>
/// What a provider's <see cref="Providers.IPriceSetter"/> is created from: the market it prices in, which provider it prices for,
/// and the run's seed (stateful setters draw from keyed streams of it, so a run repeats exactly).
/// </summary>
/// <param name="Market">The market of the run.</param>
/// <param name="Provider">Index of the provider the setter prices for.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="Oracle">The run's shared oracle pricing (null: a setter that needs one builds its own from the market and seed).</param>
public sealed record PricingContext(MarketSpec Market, int Provider, ulong Seed, OraclePricing? Oracle = null);
