using MarketSim.Transport.Solver;
using MarketSim.Transport.Tests.Support;

namespace MarketSim.Transport.Tests.Solver;

/// <summary>A per-user access cap is exactly a private capacity link of that capacity for each user.</summary>
public sealed class AccessCapTests
{
    private const double Cap = 300;
    private const int Users = 3;

    // Users identical users share a bottleneck; each also has a second path over the shared access link.
    private static (FlowNetwork Net, GroupId[] Groups, double[] Counts) WithCaps(Controller controller)
    {
        var builder = new FlowNetworkBuilder();
        var bottleneck = builder.AddLink(4000);
        var other = builder.AddLink(5000);
        var group = builder.AddGroup(
            controller,
            PathSpec.Through(0.05, bottleneck).WithAccessCap(Cap),
            PathSpec.Through(0.08, other).WithFixedLoss(5e-3));
        var tcp = builder.AddGroup(Controller.Reno, PathSpec.Through(0.05, bottleneck));
        return (builder.Build(), [group, tcp], [Users, 4]);
    }

    private static (FlowNetwork Net, GroupId[] Groups, double[] Counts) WithPrivateLinks(Controller controller)
    {
        var builder = new FlowNetworkBuilder();
        var bottleneck = builder.AddLink(4000);
        var other = builder.AddLink(5000);
        var groups = new List<GroupId>();
        for (var u = 0; u < Users; u++)
        {
            var access = builder.AddLink(Cap);
            groups.Add(builder.AddGroup(
                controller,
                PathSpec.Through(0.05, bottleneck, access),
                PathSpec.Through(0.08, other).WithFixedLoss(5e-3)));
        }

        groups.Add(builder.AddGroup(Controller.Reno, PathSpec.Through(0.05, bottleneck)));
        return (builder.Build(), [.. groups], [1, 1, 1, 4]);
    }

    [Theory]
    [InlineData(Controller.Reno, 1e-5)]
    [InlineData(Controller.Ewtcp, 1e-5)]
    [InlineData(Controller.Lia, 1e-5)]
    [InlineData(Controller.Balia, 1e-5)]
    [InlineData(Controller.Olia, 1e-2)]
    [InlineData(Controller.Coupled, 1e-2)]
    public void A_group_with_an_access_cap_gets_what_users_behind_private_links_get(Controller controller, double relative)
    {
        // OLIA and coupled water-fill the cap exactly but smooth a private link's price like any other path
        // score, so the two agree to the tie smoothing (about 1/q), the others to the solver tolerance.
        var (capNet, capGroups, capCounts) = WithCaps(controller);
        var (linkNet, linkGroups, linkCounts) = WithPrivateLinks(controller);
        var capRates = new double[capNet.PathCount];
        var linkRates = new double[linkNet.PathCount];
        var options = new SolverOptions { Tolerance = 1e-9 };

        new FlowSolver(capNet, options).Solve(capCounts, capRates);
        new FlowSolver(linkNet, options).Solve(linkCounts, linkRates);

        var total = Rates.TotalOf(linkNet, linkGroups[0], linkRates);
        for (var r = 0; r < 2; r++)
        {
            var capped = capRates[capNet.FirstPathOf(capGroups[0]) + r];
            var privateLink = linkRates[linkNet.FirstPathOf(linkGroups[0]) + r];
            Assert.Equal(privateLink, capped, total * relative);
        }

        // The cap binds: without it the bottleneck subflow would run faster.
        Assert.Equal(Cap, capRates[capNet.FirstPathOf(capGroups[0])], Cap * relative);

        var tcpCapped = capRates[capNet.FirstPathOf(capGroups[1])];
        var tcpPrivate = linkRates[linkNet.FirstPathOf(linkGroups[Users])];
        Assert.Equal(tcpPrivate, tcpCapped, tcpPrivate * relative);
    }
}
