using MarketSim.Transport.Links;
using MarketSim.Transport.Solver;

namespace MarketSim.Transport.Tests.Solver;

/// <summary>Links priced by their load (M/M/1/K) reach the fixed point loss = B(load / capacity).</summary>
public sealed class LossLinkTests
{
    [Theory]
    [InlineData(20, 10.0, 0.1)]
    [InlineData(100, 50.0, 0.05)]
    [InlineData(200, 3.0, 0.2)]
    public void Reno_users_on_a_loss_link_run_at_the_rate_the_links_loss_allows(int buffer, double users, double rtt)
    {
        var builder = new FlowNetworkBuilder();
        var link = builder.AddLink(5000, LinkModel.LossMM1K, buffer);
        builder.AddGroup(Controller.Reno, PathSpec.Through(rtt, link));
        var net = builder.Build();
        var rates = new double[1];
        var solver = new FlowSolver(net, new SolverOptions { Tolerance = 1e-10 });

        solver.Solve([users], rates);

        var loss = solver.LinkPrices[0];
        Assert.Equal(Math.Sqrt(2 / loss) / rtt, rates[0], rates[0] * 1e-9);
        Assert.Equal(MM1KLoss.Blocking(users * rates[0] / 5000, buffer), loss, loss * 1e-6);
    }

    [Fact]
    public void A_loss_link_in_series_with_a_capacity_link_shares_the_path_loss_with_it()
    {
        var builder = new FlowNetworkBuilder();
        var lossy = builder.AddLink(10_000, LinkModel.LossMM1K, 50);
        var bottleneck = builder.AddLink(1000);
        builder.AddGroup(Controller.Reno, PathSpec.Through(0.05, lossy, bottleneck));
        builder.AddGroup(Controller.Lia, PathSpec.Through(0.05, lossy), PathSpec.Through(0.1, bottleneck));
        var net = builder.Build();
        var rates = new double[net.PathCount];
        var solver = new FlowSolver(net);

        solver.Solve([10, 10], rates);

        Assert.True(solver.LinkLoads[1] <= 1000 * (1 + 1e-6));
        Assert.Equal(solver.LinkPrices[0] + solver.LinkPrices[1], solver.PathLosses[0], 1e-15);
    }
}
