using MarketSim.Experiments.Config;
using MarketSim.Experiments.Running;
using MarketSim.Experiments.Sweeps;
using MathNet.Numerics.RootFinding;

namespace MarketSim.Experiments.Tests.Validation;

/// <summary>The agent market under the nested logit: Bertrand-Nash prices against the first-order conditions solved here,
/// and the clone test (a copy of a plan splits its nest and adds no surplus, where the plain logit lets it win users and
/// surplus).</summary>
[Collection("actor runs")]
public class NestedLogitValidationTests
{
    /// <summary>Berry's (1994) first-order conditions of single-product firms, p_j − c_j = (1 − sigma) / (alpha (1 − sigma
    /// s_j|g − (1 − sigma) s_j)), with the nested-logit shares written out here: D_g = sum_{j in g} exp(alpha (a_j − p_j) /
    /// (1 − sigma)), s_j = exp(alpha (a_j − p_j) / (1 − sigma)) D_g^(−sigma) / (1 + sum_h D_h^(1 − sigma)).</summary>
    private static double[] NestedBertrandPrices(double[] quality, double[] cost, int[] nest, double alpha, double sigma)
    {
        var n = quality.Length;
        (double[] Share, double[] WithinNest) Shares(double[] p)
        {
            var e = Enumerable.Range(0, n).Select(j => Math.Exp(alpha * (quality[j] - p[j]) / (1 - sigma))).ToArray();
            var d = Enumerable.Range(0, n).Select(j => Enumerable.Range(0, n).Where(m => nest[m] == nest[j]).Sum(m => e[m])).ToArray();
            var denominator = 1 + nest.Distinct().Sum(g => Math.Pow(d[Array.IndexOf(nest, g)], 1 - sigma));
            return (Enumerable.Range(0, n).Select(j => e[j] * Math.Pow(d[j], -sigma) / denominator).ToArray(),
                Enumerable.Range(0, n).Select(j => e[j] / d[j]).ToArray());
        }
        return Broyden.FindRoot(p =>
        {
            var (s, within) = Shares(p);
            return Enumerable.Range(0, n).Select(j => p[j] - cost[j] - (1 - sigma) / (alpha * (1 - sigma * within[j] - (1 - sigma) * s[j]))).ToArray();
        }, cost.Select(c => c + 1 / alpha).ToArray(), 1e-12, 200);
    }

    [Fact]
    public async Task The_nash_rule_prices_an_asymmetric_nested_logit_oligopoly_at_its_Bertrand_Nash_prices()
    {
        var config = ExperimentReader.Load(Repository.File("experiments/validation/nested-bertrand-3.yaml"));
        var firms = config.Market.Providers;
        Assert.True(config.Market.Population.Demand.Nested);
        // The file's nests: firm-1 and firm-2 together, firm-3 alone.
        var expected = NestedBertrandPrices(firms.Select(f => f.Quality).ToArray(), firms.Select(f => f.MarginalCost).ToArray(), [1, 1, 2],
            config.Market.Population.MeanPriceSensitivity, config.Market.Population.Demand.Nesting);
        var plainLogit = NestedBertrandPrices(firms.Select(f => f.Quality).ToArray(), firms.Select(f => f.MarginalCost).ToArray(), [1, 1, 2],
            config.Market.Population.MeanPriceSensitivity, 0);
        var output = await ExperimentRunner.RunAsync(config, TestFiles.NewFolder(), workers: 2);
        foreach (var row in output.Rows.Rows.Where(r => r.Tick >= 1))
            Assert.InRange(row.Price, expected[row.Provider] * 0.995, expected[row.Provider] * 1.005);
        // The nest matters: the two nested firms are closer substitutes, so they compete harder than under the plain logit.
        Assert.True(expected[0] < plainLogit[0] * 0.95 && expected[1] < plainLogit[1] * 0.95, $"{expected[0]} vs {plainLogit[0]}");
    }

    [Fact]
    public async Task A_zero_value_clone_wins_users_and_surplus_under_the_logit_and_only_splits_its_nest_under_the_nested_logit()
    {
        var plan = SweepReader.Load(Repository.File("experiments/validation/nested-logit-clone.yaml"));
        var outcome = new Dictionary<string, (double[] Share, double Surplus, double Connected)>();
        foreach (var run in plan.Runs)
        {
            var output = await ExperimentRunner.RunAsync(run.Config, TestFiles.NewFolder(), workers: 2);
            var late = output.Rows.Rows.Where(r => r.Tick >= 2).ToList();
            var providers = run.Config.Market.Providers.Count;
            var share = Enumerable.Range(0, 3).Select(p => p < providers ? late.Where(r => r.Provider == p).Average(r => r.Share) : 0).ToArray();
            var market = output.Rows.Market.Where(m => m.Tick >= 2).ToList();
            outcome[run.Policy] = (share, market.Average(m => m.ConsumerSurplus), market.Average(m => (double)m.Connected / m.Users));
        }
        var (logitWithout, logitClone) = (outcome["logit-without"], outcome["logit-clone"]);
        var (nestedWithout, nestedClone) = (outcome["nested-without"], outcome["nested-clone"]);

        // Plain logit: the copy takes about as many users as 3G-B, more users connect, and surplus rises by about
        // ln(1 + s_B) / alpha (the copy's own taste term), alpha = 0.25.
        Assert.InRange(logitClone.Share[2], 0.8 * logitClone.Share[1], 1.25 * logitClone.Share[1]);
        Assert.True(logitClone.Connected > logitWithout.Connected + 0.05, $"{logitClone.Connected} vs {logitWithout.Connected}");
        var logitGain = logitClone.Surplus - logitWithout.Surplus;
        Assert.InRange(logitGain, 0.7 * Math.Log(1 + logitWithout.Share[1]) / 0.25, 1.3 * Math.Log(1 + logitWithout.Share[1]) / 0.25);

        // Nested logit, sigma 0.95: 3G-B and its copy split what 3G-B had alone, 3G-A keeps its share, the connected share
        // and surplus barely move (the nest's inclusive value grows by 2^(1 − sigma), under 4 % of the logit's gain).
        var pair = nestedClone.Share[1] + nestedClone.Share[2];
        Assert.InRange(pair, 0.95 * nestedWithout.Share[1], 1.06 * nestedWithout.Share[1]);
        Assert.InRange(nestedClone.Share[2], 0.42 * pair, 0.58 * pair);
        Assert.InRange(nestedClone.Share[0], 0.93 * nestedWithout.Share[0], 1.07 * nestedWithout.Share[0]);
        var nestedGain = nestedClone.Surplus - nestedWithout.Surplus;
        Assert.InRange(nestedGain, -0.05 * logitGain, 0.05 * logitGain);
    }
}
