using MarketSim.Experiments.Config;
using MarketSim.Reports.Results;

namespace MarketSim.Experiments.Tests.Hostile;

public class MemoryEstimateTests
{
    [Fact]
    public void The_estimate_adds_users_cells_and_q_tables_as_documented()
    {
        // The baseline's providers (no Q-learner) in 3 locations; then one of them learns on a 20-price grid.
        var config = ExperimentReader.Load(TestFiles.Write(TestFiles.Baseline));
        var market = config.Market with { Locations = 3 };
        long users = market.Population.Users;
        var providers = market.Providers.Count;
        var portfolios = 1 + providers + providers * (providers - 1) / 2.0;
        var expected = MemoryEstimate.BaseBytes + users * (double)MemoryEstimate.BytesPerUser + 3 * portfolios * MemoryEstimate.BytesPerCell;
        Assert.Equal(expected, MemoryEstimate.Bytes(market, perUserOutput: false));

        var learner = new MarketSim.Market.Providers.PricingRule.QLearning(1, 2, 20,
            new MarketSim.Market.Learning.QLearningParameters(0.15, 0.95, 0.001), new MarketSim.Market.Learning.InitialQ.Constant(0));
        var learning = market with { Providers = [market.Providers[0] with { Pricing = learner }, .. market.Providers.Skip(1)] };
        var states = Math.Pow(20, providers);
        Assert.Equal(expected + states * 20 * 8 + states * 4 + states * providers * 8, MemoryEstimate.Bytes(learning, perUserOutput: false));
    }

    [Fact]
    public void Runs_in_flight_together_are_refused_when_their_sum_does_not_fit_naming_the_workers_that_would()
    {
        var available = MemoryEstimate.AvailableBytes * InputLimits.MemoryShare;
        var perRun = available / 3.5;
        MemoryEstimate.CheckConcurrent("x.yaml", perRun, 3);
        var error = Assert.Throws<ConfigException>(() => MemoryEstimate.CheckConcurrent("x.yaml", perRun, 4));
        Assert.Equal("--workers", error.Key);
        Assert.Contains("limit: memory", error.Message);
        Assert.Contains("--workers 3 or fewer", error.Message);
    }
}
