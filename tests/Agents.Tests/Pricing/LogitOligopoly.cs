using MarketSim.Market;
using MarketSim.Market.Providers;
using MarketSim.TestSupport;
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
        var firms = Enumerable.Range(0, Firms).Select(j => ProviderBuilder.LogitFirm(j, Quality[j], Cost[j])
            .Fee(Cost[j] + 0.3 + 0.2 * j).Share(0.8 / Firms).Pricing(pricing(j))).ToArray();
        return Markets.Logit("logit-oligopoly", users, Alpha, firms).Ticks(ticks).Build();
    }
}
