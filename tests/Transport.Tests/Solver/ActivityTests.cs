using MarketSim.Transport.Solver;
using MarketSim.Transport.Synthetic;

namespace MarketSim.Transport.Tests.Solver;

/// <summary>Expected throughput of part-time users by the mean-field (expectation) approximation.</summary>
public sealed class ActivityTests
{
    [Fact]
    public void A_users_mean_rate_is_its_activity_times_the_rate_of_an_active_user_among_the_mean_active_users()
    {
        var synthetic = SyntheticNetworks.AccessNetwork(500, 50);
        var net = synthetic.Network;
        var rng = new SplitMix64(7);
        var activity = Enumerable.Range(0, net.GroupCount).Select(_ => rng.NextDouble(0.05, 1)).ToArray();
        var active = new double[net.PathCount];
        var mean = new double[net.PathCount];

        new FlowSolver(net).SolveExpected(synthetic.Counts, activity, active, mean);

        var direct = new double[net.PathCount];
        new FlowSolver(net).Solve(synthetic.Counts.Select((c, g) => c * activity[g]).ToArray(), direct);
        for (var g = 0; g < net.GroupCount; g++)
        {
            var group = new GroupId(g);
            for (var r = net.FirstPathOf(group); r < net.FirstPathOf(group) + net.PathCountOf(group); r++)
            {
                Assert.Equal(direct[r], active[r], Math.Max(direct[r], 1) * 1e-12);
                Assert.Equal(activity[g] * active[r], mean[r], Math.Max(mean[r], 1) * 1e-12);
            }
        }
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void Activity_outside_zero_to_one_is_rejected(double activity)
    {
        var synthetic = SyntheticNetworks.AccessNetwork(10, 4);
        var activities = Enumerable.Repeat(0.5, synthetic.Network.GroupCount).ToArray();
        activities[3] = activity;
        var paths = synthetic.Network.PathCount;

        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => new FlowSolver(synthetic.Network).SolveExpected(synthetic.Counts, activities, new double[paths], new double[paths]));

        Assert.Contains("activity of group 3", error.Message, StringComparison.Ordinal);
    }
}
