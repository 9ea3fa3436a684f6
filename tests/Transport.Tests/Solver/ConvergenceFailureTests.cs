using MarketSim.Transport.Solver;
using MarketSim.Transport.Synthetic;

namespace MarketSim.Transport.Tests.Solver;

/// <summary>A solve that runs out of iterations says so, with its residual, and leaves the warm start intact.</summary>
public sealed class ConvergenceFailureTests
{
    private static readonly SolverOptions OneIteration = new() { MaxIterations = 1 };

    [Fact]
    public void TrySolve_returns_false_with_the_residual_and_iterations_taken()
    {
        var synthetic = SyntheticNetworks.AccessNetwork(1000, 100);
        var solver = new FlowSolver(synthetic.Network, OneIteration);

        var ok = solver.TrySolve(synthetic.Counts, new double[synthetic.Network.PathCount], out var result);

        Assert.False(ok);
        Assert.False(result.Converged);
        Assert.True(result.Residual > OneIteration.Tolerance);
        Assert.True(result.Iterations >= 1);
    }

    [Fact]
    public void Solve_throws_a_transport_did_not_converge_exception_carrying_residual_and_iterations()
    {
        var synthetic = SyntheticNetworks.AccessNetwork(1000, 100);
        var solver = new FlowSolver(synthetic.Network, OneIteration);

        var error = Assert.Throws<TransportDidNotConvergeException>(
            () => solver.Solve(synthetic.Counts, new double[synthetic.Network.PathCount]));

        Assert.True(error.Residual > error.Tolerance);
        Assert.True(error.Iterations >= 1);
        Assert.Contains("did not converge", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_solve_leaves_the_solver_as_it_was_before_it()
    {
        var synthetic = SyntheticNetworks.AccessNetwork(1000, 100);
        var solver = new FlowSolver(synthetic.Network, OneIteration);
        var before = solver.LinkPrices.ToArray();

        var ok = solver.TrySolve(synthetic.Counts, new double[synthetic.Network.PathCount], out _);

        Assert.False(ok);
        Assert.False(solver.HasWarmStart);
        Assert.Equal(before, solver.LinkPrices.ToArray());
    }
}
