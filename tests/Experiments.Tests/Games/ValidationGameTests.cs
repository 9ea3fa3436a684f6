using MarketSim.Experiments.Games;
using MarketSim.Experiments.Sweeps;

namespace MarketSim.Experiments.Tests.Games;

/// <summary>The validation games of experiments/validation/ played through the whole market and the game runner.</summary>
public class ValidationGameTests
{
    private const int Users = 4000;
    private const double Mu = 0.25, Cost = 1;

    /// <summary>Logit duopoly profit per user and month, closed form, independent of the market code.</summary>
    private static (double, double) LogitProfits(double qualityA, double priceA, double qualityB, double priceB)
    {
        double ea = Math.Exp((qualityA - priceA) / Mu), eb = Math.Exp((qualityB - priceB) / Mu), d = 1 + ea + eb;
        return ((priceA - Cost) * ea / d, (priceB - Cost) * eb / d);
    }

    private static async Task<(GameResult Result, string Folder)> PlayAsync(string file, int workers)
    {
        var plan = GameReader.Load(Repository.File(file));
        var folder = TestFiles.NewFolder();
        var result = await GameRunner.RunAsync(plan, folder,
            (sweep, resume) => SweepRunner.RunAsync(sweep, folder, workers, resume, new SilentProgress()), resume: false);
        await PayoffsFile.WriteAsync(Path.Combine(folder, PayoffsFile.FileName), result);
        await GameReport.WriteAsync(folder, result);
        return (result, folder);
    }

    private static void AssertPayoffsMatch(GameResult result, double qualityA, double qualityB, double[] pricesA, double[] pricesB)
    {
        foreach (var p in result.Payoffs.Profiles)
        {
            var s = result.Plan.Space.Strategies(p);
            var (a, b) = LogitProfits(qualityA, pricesA[s[0]], qualityB, pricesB[s[1]]);
            Assert.Equal(a * Users, result.Payoffs.Interval(p, 0).Mean, Tolerance(a, pricesA[s[0]], result));
            Assert.Equal(b * Users, result.Payoffs.Interval(p, 1).Mean, Tolerance(b, pricesB[s[1]], result));
        }
    }

    /// <summary>Four standard errors of the mean payoff: each month every user draws its choice anew, so a firm's
    /// subscribers are binomial(users, share); the payoff averages months x replications such draws.</summary>
    private static double Tolerance(double profitPerUser, double price, GameResult result)
    {
        var share = profitPerUser / (price - Cost);
        var draws = (result.Plan.Payoff.ToMonth - result.Plan.Payoff.FromMonth + 1) * result.Plan.Replications;
        return 4 * (price - Cost) * Math.Sqrt(Users * share * (1 - share) / draws);
    }

    [Fact]
    public async Task Nash_against_joint_profit_fees_is_a_prisoners_dilemma_with_nash_nash_the_unique_equilibrium()
    {
        var (result, folder) = await PlayAsync("experiments/validation/prisoners-dilemma.yaml", workers: 2);
        AssertPayoffsMatch(result, 2, 2, [1.47293, 1.92498], [1.47293, 1.92498]);
        var space = result.Plan.Space;
        int nash = space.Index([0, 0]), joint = space.Index([1, 1]);
        Assert.Equal([nash], EquilibriumAnalysis.WithStatus(result.Payoffs, ProfileStatus.Equilibrium));
        Assert.Empty(EquilibriumAnalysis.WithStatus(result.Payoffs, ProfileStatus.Undecided));
        Assert.True(EquilibriumAnalysis.DominatesSignificantly(result.Payoffs, joint, nash));
        Assert.DoesNotContain(nash, EquilibriumAnalysis.ParetoOptimal(result.Payoffs));

        // The same game at one worker writes the same bytes (runs and payoffs), and the page names the equilibrium.
        var (_, single) = await PlayAsync("experiments/validation/prisoners-dilemma.yaml", workers: 1);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(folder, "runs")).Append(Path.Combine(folder, PayoffsFile.FileName)))
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(file.Replace(folder, single, StringComparison.Ordinal)));
        var page = File.ReadAllText(Path.Combine(folder, "game", "report.html"));
        Assert.Contains("Equilibrium (firm-1: nash, firm-2: nash)", page);
        Assert.Contains("a prisoner&#39;s dilemma", page);

        // The best-response graph on file: nash is each firm's strict best reply to either fee (closed form above), so
        // exactly the four moves to nash are edges, all significant; from (nash, nash) nobody gains.
        var edges = BestResponseFile.Text(result).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(BestResponseFile.Header, edges[0]);
        Assert.Equal(
            ["joint.joint,firm-1,nash.joint,true", "joint.joint,firm-2,joint.nash,true", "joint.nash,firm-1,nash.nash,true", "nash.joint,firm-2,nash.nash,true"],
            edges[1..].Select(e => e.Split(',')).Select(c => $"{c[0]},{c[2]},{c[3]},{c[8]}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Matching_the_rivals_price_level_is_a_coordination_game_with_both_equilibria_found()
    {
        var (result, _) = await PlayAsync("experiments/validation/coordination.yaml", workers: 2);
        AssertPayoffsMatch(result, 2.0, 2.2, [1.175, 1.675], [1.303, 1.803]);
        var space = result.Plan.Space;
        Assert.Equal([space.Index([0, 0]), space.Index([1, 1])], EquilibriumAnalysis.WithStatus(result.Payoffs, ProfileStatus.Equilibrium));
        Assert.Equal(ProfileStatus.NotEquilibrium, EquilibriumAnalysis.Status(result.Payoffs, space.Index([0, 1])));
        Assert.Equal(ProfileStatus.NotEquilibrium, EquilibriumAnalysis.Status(result.Payoffs, space.Index([1, 0])));
    }
}
