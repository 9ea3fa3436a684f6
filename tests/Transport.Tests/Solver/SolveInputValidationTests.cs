using MarketSim.Transport.Solver;

namespace MarketSim.Transport.Tests.Solver;

/// <summary>The solver checks its spans and options at the boundary.</summary>
public sealed class SolveInputValidationTests
{
    private static FlowNetwork OneLinkNetwork()
    {
        var builder = new FlowNetworkBuilder();
        var link = builder.AddLink(1000);
        builder.AddGroup(Controller.Reno, PathSpec.Through(0.1, link));
        builder.AddGroup(Controller.Lia, PathSpec.Through(0.1, link), PathSpec.OpenLoop(0.2, 0.01));
        return builder.Build();
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_negative_or_non_finite_count_is_rejected(double count)
    {
        var solver = new FlowSolver(OneLinkNetwork());
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => solver.Solve([1.0, count], new double[3]));
        Assert.Contains("count of group 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Spans_of_the_wrong_length_are_rejected()
    {
        var solver = new FlowSolver(OneLinkNetwork());
        Assert.Throws<ArgumentException>(() => solver.Solve([1.0], new double[3]));
        Assert.Throws<ArgumentException>(() => solver.Solve([1.0, 1.0], new double[2]));
    }

    public static TheoryData<SolverOptions> BadOptions() => new()
    {
        new SolverOptions { Tolerance = 0 },
        new SolverOptions { Tolerance = 0.5 },
        new SolverOptions { MaxIterations = 0 },
        new SolverOptions { TieSharpness = 0.5 },
        new SolverOptions { MaxDegreeOfParallelism = 0 },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Out_of_range_options_are_rejected_when_the_solver_is_made(SolverOptions options)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FlowSolver(OneLinkNetwork(), options));
    }
}
