using MarketSim.Experiments.Config;
using MarketSim.Experiments.Running;

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
        foreach (var firm in late.GroupBy(r => r.Provider))
        {
            double mean = firm.Average(r => r.Price);
            Assert.InRange(mean, expected * 0.995, expected * 1.005);
        }
    }
}
