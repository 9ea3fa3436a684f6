using MarketSim.Transport.Solver;

namespace MarketSim.Transport.Tests.Solver;

/// <summary>A near-zero group reports the rate a marginal new user would get, without moving anybody else.</summary>
public sealed class MarginalUserTests
{
    [Theory]
    [InlineData(1e-9)]
    [InlineData(0.0)]
    public void A_tiny_reno_group_gets_what_a_reno_user_already_on_its_path_gets(double tiny)
    {
        var builder = new FlowNetworkBuilder();
        var link = builder.AddLink(2000);
        var crowd = builder.AddGroup(Controller.Reno, PathSpec.Through(0.08, link));
        var newcomer = builder.AddGroup(Controller.Reno, PathSpec.Through(0.08, link));
        var net = builder.Build();
        var rates = new double[net.PathCount];

        new FlowSolver(net).Solve([20, tiny], rates);

        Assert.Equal(rates[net.FirstPathOf(crowd)], rates[net.FirstPathOf(newcomer)], 1e-9);
        Assert.Equal(100, rates[net.FirstPathOf(crowd)], 100 * 1e-5);
    }

    [Fact]
    public void A_tiny_multipath_group_reads_its_rates_off_the_prices_others_set()
    {
        var builder = new FlowNetworkBuilder();
        var cell = builder.AddLink(1500);
        var hotspot = builder.AddLink(4000);
        builder.AddGroup(Controller.Reno, PathSpec.Through(0.1, cell));
        builder.AddGroup(Controller.Reno, PathSpec.Through(0.03, hotspot));
        var tiny = builder.AddGroup(Controller.Lia, PathSpec.Through(0.1, cell), PathSpec.Through(0.03, hotspot));
        var net = builder.Build();
        var alone = new double[net.PathCount];
        var with = new double[net.PathCount];

        var solver = new FlowSolver(net);
        solver.Solve([10, 10, 0], alone);
        var pricesAlone = solver.LinkPrices.ToArray();
        solver.Solve([10, 10, 1e-9], with);

        Assert.Equal(pricesAlone[0], solver.LinkPrices[0], pricesAlone[0] * 1e-6);
        Assert.Equal(pricesAlone[1], solver.LinkPrices[1], pricesAlone[1] * 1e-6);
        Assert.True(with[net.FirstPathOf(tiny)] > 0 && with[net.FirstPathOf(tiny) + 1] > 0);
    }
}
