using MarketSim.Market.Pricing;
using MarketSim.Market.Providers;
using static MarketSim.Market.Tests.Pricing.OracleMarkets;

namespace MarketSim.Market.Tests.Pricing;

public class EquilibriumCheckTests
{
    // Asymmetric logit duopoly: profit_j(p) = N s_j (p_j - c_j), s_j = exp(alpha (a_j - p_j)) / (1 + sum_k exp(alpha (a_k - p_k))).
    private static readonly double[] Quality = [2, 1.4], Cost = [1, 0.6];
    private const double Alpha = 4;
    private const int N = 400;

    private static double Profit(int firm, double[] prices)
    {
        double e0 = Math.Exp(Alpha * (Quality[0] - prices[0])), e1 = Math.Exp(Alpha * (Quality[1] - prices[1]));
        var share = (firm == 0 ? e0 : e1) / (1 + e0 + e1);
        return N * share * (prices[firm] - Cost[firm]);
    }

    /// <summary>Best unilateral gain by a brute scan of 200,001 fees from 0 to 5, written here.</summary>
    private static double BruteGain(int firm, double[] prices)
    {
        double now = Profit(firm, prices), best = now;
        for (var g = 0; g <= 200_000; g++)
        {
            var x = prices.ToArray();
            x[firm] = 5.0 * g / 200_000;
            best = Math.Max(best, Profit(firm, x));
        }
        return best - now;
    }

    private static OraclePricing Pricing(PricingRule rule) => new(LogitMarket(
        [Firm(0, Quality[0], Cost[0], 1, rule), Firm(1, Quality[1], Cost[1], 1, rule)], Users(N, Alpha)), seed: 3);

    [Fact]
    public void Away_from_equilibrium_the_check_finds_each_providers_best_unilateral_gain()
    {
        var pricing = Pricing(new PricingRule.BestResponse(1, 0, 50));
        double[] fees = [2.2, 1.0];
        var check = pricing.Check(1, Flat(pricing.Oracle.Structure, 10), fees);
        for (var j = 0; j < 2; j++) Assert.Equal(BruteGain(j, fees), check.Gains[j], 1e-4 * N);
        Assert.Equal(check.Gains.Max(), check.Epsilon);
    }

    [Fact]
    public void At_the_equilibrium_the_nash_rule_solves_for_no_provider_gains()
    {
        var pricing = Pricing(new PricingRule.Nash(0, 50));
        var table = Flat(pricing.Oracle.Structure, 10);
        var equilibrium = pricing.Nash(1, table, [1.5, 1.5]);
        var check = pricing.Check(1, table, equilibrium);
        Assert.True(check.Epsilon < 1e-6 * N, $"epsilon {check.Epsilon}");
        Assert.True(pricing.NashResiduals[1] < 1e-6 * N);
        for (var j = 0; j < 2; j++) Assert.True(BruteGain(j, equilibrium) < 1e-6 * N);
    }
}
