using MarketSim.Market;
using MarketSim.Market.Population;
using MarketSim.Market.Providers;
using MarketSim.Transport;
using MathNet.Numerics.RootFinding;

namespace MarketSim.Agents.Tests.Pricing;

/// <summary>
/// A textbook logit oligopoly (qualities a_j, costs c_j, price coefficient alpha, outside good 0) as an agent market, and
/// its Bertrand-Nash and joint-profit prices from the first-order conditions, solved here by MathNet's Broyden root finder
/// (independently of the simulator's demand oracle and fee search).
/// </summary>
internal sealed record LogitOligopoly(double[] Quality, double[] Cost, double Alpha)
{
    public int Firms => Quality.Length;

    public double[] Shares(double[] prices)
    {
        var e = Enumerable.Range(0, Firms).Select(j => Math.Exp(Alpha * (Quality[j] - prices[j]))).ToArray();
        var denominator = 1 + e.Sum();
        return e.Select(x => x / denominator).ToArray();
    }

    /// <summary>p_j − c_j = 1 / (alpha (1 − s_j)) for every firm.</summary>
    public double[] NashPrices() => Broyden.FindRoot(p =>
    {
        var s = Shares(p);
        return Enumerable.Range(0, Firms).Select(j => p[j] - Cost[j] - 1 / (Alpha * (1 - s[j]))).ToArray();
    }, Cost.Select(c => c + 1 / Alpha).ToArray(), 1e-12, 200);

    /// <summary>One owner of every product: p_j − c_j = 1 / (alpha (1 − S)), S the share of all products.</summary>
    public double[] JointPrices() => Broyden.FindRoot(p =>
    {
        var served = Shares(p).Sum();
        return Enumerable.Range(0, Firms).Select(j => p[j] - Cost[j] - 1 / (Alpha * (1 - served))).ToArray();
    }, Cost.Select(c => c + 1 / Alpha).ToArray(), 1e-12, 200);

    /// <summary>The agent market: one location, capacity never binding, users who weigh only quality and price, review
    /// every month and have no inertia.</summary>
    public MarketSpec Market(Func<int, PricingRule> pricing, int users = 300, int ticks = 40)
    {
        var providers = Enumerable.Range(0, Firms).Select(j => new ProviderSpec(j, $"firm-{j + 1}", Technology.Cellular3G, CellCapacityMbps: 1_000_000,
            PeakRateMbps: 10, RttSeconds: 0.1, Coverage: 1, Quality[j], AdvertisedMbps: 10, Cost[j], InitialPrice: Cost[j] + 0.3 + 0.2 * j,
            InitialShare: 0.8 / Firms, pricing(j), Tariff.Flat)).ToArray();
        return new MarketSpec("logit-oligopoly", ticks, Locations: 1, AllowMultihoming: false, Controller.Lia, providers,
            new PopulationSpec(users, MptcpShare: 0, Alpha, PriceSensitivitySpread: 0, ThroughputValue: 0, ThroughputValueSpread: 0,
                ReferenceMbps: 1, ReviewProbability: 1, Inertia: 0, SwitchingCost: 0, BatteryCost: 0, PublicInformationWeight: 0, Activity: 1,
                UsageGb: 0, UsageSpread: 0));
    }
}
