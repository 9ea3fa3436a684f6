using MarketSim.Experiments.Config;
using MarketSim.Experiments.Running;
using MarketSim.Market.Providers;
using MathNet.Numerics.RootFinding;

namespace MarketSim.Experiments.Tests.Validation;

/// <summary>The agent market reproduces textbook logit pricing when capacity plays no role.</summary>
[Collection("actor runs")]
public class LogitValidationTests
{
    [Theory]
    [InlineData("experiments/validation/bertrand-nash.yaml", 1.47293)]
    [InlineData("experiments/validation/joint-profit.yaml", 1.92498)]
    public async Task Pricing_converges_to_the_analytic_price(string file, double expected)
    {
        var config = ExperimentReader.Load(Repository.File(file));
        var output = await ExperimentRunner.RunAsync(config, TestFiles.NewFolder(), workers: 2);
        var late = output.Rows.Rows.Where(r => r.Tick > config.Market.Ticks - 10).ToList();
        Assert.Equal(10 * config.Market.Providers.Count, late.Count);
        foreach (var firm in late.GroupBy(r => r.Provider))
        {
            var mean = firm.Average(r => r.Price);
            Assert.InRange(mean, expected * 0.995, expected * 1.005);
        }
    }

    /// <summary>The first-order conditions of the file's logit oligopoly, solved here with MathNet's Broyden: Bertrand-Nash
    /// p_j − c_j = 1 / (alpha (1 − s_j)); joint profit p_j − c_j = 1 / (alpha (1 − S)).</summary>
    private static double[] Reference(ExperimentConfig config, bool joint)
    {
        var firms = config.Market.Providers;
        var alpha = config.Market.Population.MeanPriceSensitivity;
        double[] Shares(double[] p)
        {
            var e = firms.Select(f => Math.Exp(alpha * (f.Quality - p[f.Index]))).ToArray();
            var denominator = 1 + e.Sum();
            return e.Select(x => x / denominator).ToArray();
        }
        return Broyden.FindRoot(p =>
        {
            var s = Shares(p);
            return firms.Select(f => p[f.Index] - f.MarginalCost - 1 / (alpha * (1 - (joint ? s.Sum() : s[f.Index])))).ToArray();
        }, firms.Select(f => f.MarginalCost + 1 / alpha).ToArray(), 1e-12, 200);
    }

    [Theory]
    [InlineData("experiments/validation/bertrand-nash-asymmetric-3.yaml")]
    [InlineData("experiments/validation/joint-profit-4.yaml")]
    public async Task Pricing_settles_on_the_prices_the_first_order_conditions_of_the_file_give(string file)
    {
        var config = ExperimentReader.Load(Repository.File(file));
        var joint = config.Market.Providers.All(p => p.Pricing is PricingRule.JointBestResponse);
        var expected = Reference(config, joint);
        var output = await ExperimentRunner.RunAsync(config, TestFiles.NewFolder(), workers: 2);
        var final = output.Rows.Rows.Where(r => r.Tick == config.Market.Ticks).ToList();
        Assert.Equal(config.Market.Providers.Count, final.Count);
        foreach (var row in final)
            Assert.InRange(row.Price, expected[row.Provider] * 0.995, expected[row.Provider] * 1.005);
    }
}
