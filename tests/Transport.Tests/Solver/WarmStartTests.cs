using MarketSim.Transport.Solver;
using MarketSim.Transport.Synthetic;

namespace MarketSim.Transport.Tests.Solver;

/// <summary>The solver restarts from its last equilibrium, which changes the cost but not the answer.</summary>
public sealed class WarmStartTests
{
    private static readonly SolverOptions Tight = new() { Tolerance = 1e-10 };

    private static double[] Perturbed(double[] counts, ulong seed, double change)
    {
        var rng = new SplitMix64(seed);
        return counts.Select(c => c * (1 + change * (2 * rng.NextDouble() - 1))).ToArray();
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void A_warm_solve_after_counts_change_matches_a_cold_solve_and_takes_fewer_iterations(ulong seed)
    {
        var synthetic = SyntheticNetworks.AccessNetwork(2000, 200, 2, seed);
        var next = Perturbed(synthetic.Counts, seed + 100, 0.05);
        var warmRates = new double[synthetic.Network.PathCount];
        var coldRates = new double[synthetic.Network.PathCount];

        var warm = new FlowSolver(synthetic.Network, Tight);
        var first = warm.Solve(synthetic.Counts, warmRates);
        var second = warm.Solve(next, warmRates);
        var cold = new FlowSolver(synthetic.Network, Tight).Solve(next, coldRates);

        Assert.False(first.WarmStarted);
        Assert.True(second.WarmStarted);
        Assert.True(second.Iterations < cold.Iterations, $"warm {second.Iterations} vs cold {cold.Iterations} iterations");
        for (var r = 0; r < warmRates.Length; r++)
        {
            Assert.Equal(coldRates[r], warmRates[r], Math.Max(coldRates[r], 1) * 1e-6);
        }
    }

    [Fact]
    public void Solving_the_same_counts_again_needs_no_iteration()
    {
        var synthetic = SyntheticNetworks.AccessNetwork(500, 50);
        var solver = new FlowSolver(synthetic.Network);
        var rates = new double[synthetic.Network.PathCount];
        solver.Solve(synthetic.Counts, rates);

        var again = solver.Solve(synthetic.Counts, rates);

        Assert.Equal(0, again.Iterations);
        Assert.Equal(1, again.Evaluations);
    }

    [Fact]
    public void Resetting_the_warm_start_makes_the_next_solve_cold()
    {
        var synthetic = SyntheticNetworks.AccessNetwork(500, 50);
        var solver = new FlowSolver(synthetic.Network);
        var rates = new double[synthetic.Network.PathCount];
        solver.Solve(synthetic.Counts, rates);

        solver.ResetWarmStart();

        Assert.False(solver.HasWarmStart);
        Assert.False(solver.Solve(synthetic.Counts, rates).WarmStarted);
    }

    [Fact]
    public void A_large_jump_in_counts_still_converges_from_the_warm_start()
    {
        var synthetic = SyntheticNetworks.AccessNetwork(2000, 200);
        var solver = new FlowSolver(synthetic.Network);
        var rates = new double[synthetic.Network.PathCount];
        solver.Solve(synthetic.Counts, rates);

        var doubled = synthetic.Counts.Select((c, g) => g % 2 == 0 ? 3 * c : 0.2 * c).ToArray();

        Assert.True(solver.Solve(doubled, rates).Converged);
    }
}
