using MarketSim.Transport.Solver;

namespace MarketSim.Transport.Tests;

/// <summary>The checks DESIGN.md documents for the transport model, reproduced to 1e-4 relative.</summary>
public sealed class DocumentedChecksTests
{
    private const double Relative = 1e-4;
    private const double Capacity = 1000;

    [Theory]
    [InlineData(Controller.Lia, 0.5)]
    [InlineData(Controller.Olia, 0.5)]
    [InlineData(Controller.Balia, 0.5)]
    [InlineData(Controller.Ewtcp, 0.5)]
    [InlineData(Controller.Coupled, 0.5)]
    [InlineData(Controller.Reno, 2.0 / 3.0)]
    public void A_two_subflow_user_sharing_one_link_with_a_tcp_user_gets_its_documented_share(Controller controller, double share)
    {
        var builder = new FlowNetworkBuilder();
        var link = builder.AddLink(Capacity);
        var multipath = builder.AddGroup(controller, PathSpec.Through(0.1, link), PathSpec.Through(0.1, link));
        var tcp = builder.AddGroup(Controller.Reno, PathSpec.Through(0.1, link));
        var net = builder.Build();
        var rates = new double[net.PathCount];

        new FlowSolver(net).Solve([1.0, 1.0], rates);

        var multipathTotal = rates[net.FirstPathOf(multipath)] + rates[net.FirstPathOf(multipath) + 1];
        Assert.Equal(share * Capacity, multipathTotal, Capacity * share * Relative);
        Assert.Equal((1 - share) * Capacity, rates[net.FirstPathOf(tcp)], Capacity * Relative);
    }

    [Theory]
    [InlineData(Controller.Reno, 707.107, 141.421)]
    [InlineData(Controller.Ewtcp, 353.553, 70.711)]
    [InlineData(Controller.Lia, 565.685, 141.421)]
    public void Open_loop_paths_with_fixed_loss_give_the_documented_rates(Controller controller, double first, double second)
    {
        var builder = new FlowNetworkBuilder();
        builder.AddGroup(controller, PathSpec.OpenLoop(0.01, 0.04), PathSpec.OpenLoop(0.1, 0.01));
        var net = builder.Build();
        var rates = new double[2];

        new FlowSolver(net).Solve([1.0], rates);

        Assert.Equal(first, rates[0], first * Relative);
        Assert.Equal(second, rates[1], second * Relative);
    }
}
