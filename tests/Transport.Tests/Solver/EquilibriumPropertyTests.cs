using MarketSim.Transport.Controllers;
using MarketSim.Transport.Links;
using MarketSim.Transport.Solver;
using MarketSim.Transport.Synthetic;
using MarketSim.Transport.Tests.Support;

namespace MarketSim.Transport.Tests.Solver;

/// <summary>Properties every equilibrium must have, checked on seeded random networks.</summary>
public sealed class EquilibriumPropertyTests
{
    private const double LoadTolerance = 1e-6;

    public static TheoryData<ulong> Seeds()
    {
        var data = new TheoryData<ulong>();
        for (ulong seed = 1; seed <= 80; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_networks_converge_with_finite_nonnegative_rates(ulong seed)
    {
        var (net, counts) = RandomNetworks.Create(seed);
        var rates = new double[net.PathCount];

        var result = new FlowSolver(net).Solve(counts, rates);

        Assert.True(result.Converged);
        Assert.All(rates, rate => Assert.True(rate >= 0 && double.IsFinite(rate), $"rate {rate}"));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void No_capacity_link_carries_more_than_its_capacity_and_a_priced_link_is_full(ulong seed)
    {
        var (net, counts) = RandomNetworks.Create(seed);
        var solver = new FlowSolver(net);
        solver.Solve(counts, new double[net.PathCount]);

        for (var l = 0; l < net.LinkCount; l++)
        {
            var link = new LinkId(l);
            if (net.ModelOf(link) != LinkModel.Capacity)
            {
                continue;
            }

            var capacity = net.CapacityOf(link);
            var load = solver.LinkLoads[l];
            Assert.True(load <= capacity * (1 + LoadTolerance), $"link {l}: load {load} > capacity {capacity}");
            var price = solver.LinkPrices[l];
            var negligible = price <= LoadTolerance * MaxLossThrough(net, solver, l);
            Assert.True(negligible || load >= capacity * (1 - LoadTolerance),
                $"link {l} has price {price} but load {load} < capacity {capacity}");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_loss_link_carries_the_load_at_which_its_mm1k_loss_equals_its_price(ulong seed)
    {
        var (net, counts) = RandomNetworks.Create(seed);
        var solver = new FlowSolver(net);
        solver.Solve(counts, new double[net.PathCount]);

        for (var l = 0; l < net.LinkCount; l++)
        {
            var link = new LinkId(l);
            if (net.ModelOf(link) != LinkModel.LossMM1K || solver.LinkPrices[l] < 1e-12)
            {
                continue;
            }

            var utilisation = MM1KLoss.InverseBlocking(solver.LinkPrices[l], net.LinkBuffer[l], out _);
            Assert.Equal(utilisation, solver.LinkLoads[l] / net.CapacityOf(link), utilisation * 1e-5);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_group_is_at_its_controllers_equilibrium_for_the_final_path_losses(ulong seed)
    {
        var (net, counts) = RandomNetworks.Create(seed);
        var solver = new FlowSolver(net);
        var rates = new double[net.PathCount];
        solver.Solve(counts, rates);

        var ws = new ResponseWorkspace(net.MaxPathsPerGroup);
        for (var g = 0; g < net.GroupCount; g++)
        {
            var group = new GroupId(g);
            var first = net.FirstPathOf(group);
            var n = net.PathCountOf(group);
            var expected = new double[n];
            BestResponse.Compute(
                net.ControllerOf(group), solver.PathLosses.Slice(first, n), net.PathRtt.AsSpan(first, n),
                net.PathAccessCap.AsSpan(first, n), new TieSmoothing(solver.Options.TieSharpness), new double[n],
                expected, [], ws);
            for (var r = 0; r < n; r++)
            {
                Assert.Equal(expected[r], rates[first + r], Math.Max(expected[r], 1e-9) * 1e-9);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_lia_user_never_takes_more_than_one_tcp_flow_on_its_best_path(ulong seed)
    {
        var (net, counts) = RandomNetworks.Create(seed);
        var solver = new FlowSolver(net);
        var rates = new double[net.PathCount];
        solver.Solve(counts, rates);

        for (var g = 0; g < net.GroupCount; g++)
        {
            var group = new GroupId(g);
            if (net.ControllerOf(group) != Controller.Lia)
            {
                continue;
            }

            var best = 0.0;
            for (var r = 0; r < net.PathCountOf(group); r++)
            {
                best = Math.Max(best, Rates.RenoRateOn(solver, net.FirstPathOf(group) + r));
            }

            Assert.True(Rates.TotalOf(net, group, rates) <= best * (1 + 1e-9));
        }
    }

    public static TheoryData<ulong, int> SharedBottleneckCases()
    {
        var data = new TheoryData<ulong, int>();
        for (ulong seed = 1; seed <= 20; seed++)
        {
            data.Add(seed, 2 + (int)(seed % 3));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SharedBottleneckCases))]
    public void Lia_never_takes_more_at_a_shared_bottleneck_than_a_tcp_user_crossing_it(ulong seed, int subflows)
    {
        var rng = new SplitMix64(seed);
        var builder = new FlowNetworkBuilder();
        var bottleneck = builder.AddLink(rng.NextDouble(500, 2000));
        var others = Enumerable.Range(0, 3).Select(_ => builder.AddLink(rng.NextDouble(500, 5000))).ToArray();
        var rtt = rng.NextDouble(0.02, 0.2);
        var paths = new PathSpec[subflows];
        for (var r = 0; r < subflows; r++)
        {
            paths[r] = rng.NextDouble() < 0.5
                ? PathSpec.Through(rtt, bottleneck)
                : PathSpec.Through(rtt, bottleneck, others[rng.NextInt(others.Length)]);
        }

        var lia = builder.AddGroup(Controller.Lia, paths);
        var tcp = builder.AddGroup(Controller.Reno, PathSpec.Through(rtt, bottleneck));
        builder.AddGroup(Controller.Reno, PathSpec.Through(rng.NextDouble(0.02, 0.2), others[0], others[1]));
        builder.AddGroup(Controller.Olia, PathSpec.Through(0.05, others[1]), PathSpec.Through(0.08, others[2]));
        var net = builder.Build();
        var rates = new double[net.PathCount];

        new FlowSolver(net).Solve([rng.NextDouble(1, 10), rng.NextDouble(1, 10), 5, 5], rates);

        Assert.True(Rates.TotalOf(net, lia, rates) <= rates[net.FirstPathOf(tcp)] * (1 + 1e-9));
    }

    private static double MaxLossThrough(FlowNetwork net, FlowSolver solver, int link)
    {
        var max = 0.0;
        for (var path = 0; path < net.PathCount; path++)
        {
            if (net.LinksOf(path).Contains(link))
            {
                max = Math.Max(max, solver.PathLosses[path]);
            }
        }

        return max;
    }
}
