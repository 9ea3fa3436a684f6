using MarketSim.Transport.Solver;
using MarketSim.Transport.Tests.Support;

namespace MarketSim.Transport.Tests.Solver;

/// <summary>Tie-sensitive controllers whose split is not unique still reach an equilibrium that fills the links.</summary>
public sealed class TieTests
{
    [Theory]
    [InlineData(Controller.Olia)]
    [InlineData(Controller.Coupled)]
    [InlineData(Controller.Balia)]
    public void Identical_multipath_users_between_two_equal_links_share_them_evenly_without_overloading_either(Controller controller)
    {
        var builder = new FlowNetworkBuilder();
        var a = builder.AddLink(1000);
        var b = builder.AddLink(1000);
        var group = builder.AddGroup(controller, PathSpec.Through(0.1, a), PathSpec.Through(0.1, b));
        var net = builder.Build();
        var rates = new double[net.PathCount];
        var solver = new FlowSolver(net);

        solver.Solve([10], rates);

        Assert.Equal(1000, solver.LinkLoads[0], 1000 * 1e-5);
        Assert.Equal(1000, solver.LinkLoads[1], 1000 * 1e-5);
        Assert.Equal(200, Rates.TotalOf(net, group, rates), 200 * 1e-5);
    }

    [Theory]
    [InlineData(Controller.Olia, 1e5)]
    [InlineData(Controller.Coupled, 1e5)]
    [InlineData(Controller.Olia, 100)]
    public void Multipath_users_fill_two_unequal_links_and_move_traffic_off_the_busier_one(Controller controller, double sharpness)
    {
        // Link a also carries TCP users; the multipath users shift towards b until both links are full.
        var builder = new FlowNetworkBuilder();
        var a = builder.AddLink(1000);
        var b = builder.AddLink(1000);
        var multipath = builder.AddGroup(controller, PathSpec.Through(0.1, a), PathSpec.Through(0.1, b));
        builder.AddGroup(Controller.Reno, PathSpec.Through(0.1, a));
        var net = builder.Build();
        var rates = new double[net.PathCount];
        var solver = new FlowSolver(net, new SolverOptions { TieSharpness = sharpness, MaxIterations = 300 });

        solver.Solve([10, 5], rates);

        Assert.True(solver.LinkLoads[0] <= 1000 * (1 + 1e-6) && solver.LinkLoads[1] <= 1000 * (1 + 1e-6));
        Assert.True(rates[net.FirstPathOf(multipath) + 1] > rates[net.FirstPathOf(multipath)]);
        Assert.Equal(2000, solver.LinkLoads[0] + solver.LinkLoads[1], 2000 * 1e-5);
    }
}
