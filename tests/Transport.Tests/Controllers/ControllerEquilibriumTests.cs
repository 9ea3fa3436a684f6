using MarketSim.Transport.Controllers;
using MarketSim.Transport.Synthetic;

namespace MarketSim.Transport.Tests.Controllers;

/// <summary>Each controller's response is its fluid-model fixed point at the given path losses.</summary>
public sealed class ControllerEquilibriumTests
{
    private const double Relative = 1e-9;
    private static readonly double[] NoCaps = [double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity];

    private static double[] Respond(Controller controller, double[] p, double[] rtt, double[]? cap = null, double sharpness = 100)
    {
        var x = new double[p.Length];
        BestResponse.Compute(
            controller, p, rtt, cap ?? NoCaps[..p.Length], new TieSmoothing(sharpness), new double[p.Length], x, [],
            new ResponseWorkspace(p.Length));
        return x;
    }

    private static double Reno(double p, double rtt) => Math.Sqrt(2 / p) / rtt;

    public static TheoryData<ulong> Seeds()
    {
        var data = new TheoryData<ulong>();
        for (ulong seed = 1; seed <= 20; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    private static (double[] P, double[] Rtt) RandomPaths(ulong seed, int n)
    {
        var rng = new SplitMix64(seed);
        var p = new double[n];
        var rtt = new double[n];
        for (var r = 0; r < n; r++)
        {
            p[r] = Math.Exp(rng.NextDouble(Math.Log(1e-4), Math.Log(1e-1)));
            rtt[r] = rng.NextDouble(0.01, 0.3);
        }

        return (p, rtt);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Reno_runs_every_subflow_at_sqrt_2_over_p_divided_by_rtt(ulong seed)
    {
        var (p, rtt) = RandomPaths(seed, 3);
        var x = Respond(Controller.Reno, p, rtt);
        for (var r = 0; r < 3; r++)
        {
            Assert.Equal(Reno(p[r], rtt[r]), x[r], Reno(p[r], rtt[r]) * Relative);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Ewtcp_runs_every_subflow_at_the_reno_rate_divided_by_the_number_of_subflows(ulong seed)
    {
        var (p, rtt) = RandomPaths(seed, 3);
        var x = Respond(Controller.Ewtcp, p, rtt);
        for (var r = 0; r < 3; r++)
        {
            Assert.Equal(Reno(p[r], rtt[r]) / 3, x[r], Reno(p[r], rtt[r]) * Relative);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Lia_satisfies_its_fixed_point_and_never_beats_the_best_single_path(ulong seed)
    {
        var (p, rtt) = RandomPaths(seed, 3);
        var x = Respond(Controller.Lia, p, rtt);
        var total = x.Sum();
        var maxRatio = Enumerable.Range(0, 3).Max(r => x[r] / rtt[r]);
        var k = 2 * maxRatio / (total * total);
        for (var r = 0; r < 3; r++)
        {
            var expected = Math.Min(k / (p[r] * rtt[r]), Reno(p[r], rtt[r]));
            Assert.Equal(expected, x[r], expected * 1e-9);
        }

        Assert.True(total <= Enumerable.Range(0, 3).Max(r => Reno(p[r], rtt[r])) * (1 + 1e-12));
    }

    [Fact]
    public void Uncapped_lia_takes_the_best_single_path_rate_split_in_proportion_to_one_over_p_rtt()
    {
        double[] p = [0.01, 0.02];
        double[] rtt = [0.1, 0.1];
        var x = Respond(Controller.Lia, p, rtt);
        Assert.Equal(Reno(0.01, 0.1), x[0] + x[1], 1e-9 * x[0]);
        Assert.Equal(2.0, x[0] / x[1], 1e-12);
    }

    [Theory]
    [InlineData(Controller.Olia)]
    [InlineData(Controller.Coupled)]
    public void Olia_and_coupled_put_no_traffic_on_a_dominated_path(Controller controller)
    {
        // Path 1 has four times the loss at the same RTT: half the Reno rate, clearly dominated.
        var x = Respond(controller, [0.001, 0.004], [0.1, 0.1]);
        Assert.Equal(Reno(0.001, 0.1), x[0], Reno(0.001, 0.1) * Relative);
        Assert.Equal(0.0, x[1]);
    }

    [Fact]
    public void Olia_picks_the_path_with_the_largest_reno_rate_even_when_its_loss_is_higher()
    {
        // Path 0: loss 0.004, rtt 0.02 -> T = 1118; path 1: loss 0.001, rtt 0.1 -> T = 447.
        var x = Respond(Controller.Olia, [0.004, 0.001], [0.02, 0.1]);
        Assert.Equal(Reno(0.004, 0.02), x[0], Reno(0.004, 0.02) * Relative);
        Assert.Equal(0.0, x[1]);
    }

    [Fact]
    public void Coupled_picks_the_least_loss_path_and_takes_its_reno_rate()
    {
        var x = Respond(Controller.Coupled, [0.004, 0.001], [0.02, 0.1]);
        Assert.Equal(0.0, x[0]);
        Assert.Equal(Reno(0.001, 0.1), x[1], Reno(0.001, 0.1) * Relative);
    }

    [Theory]
    [InlineData(Controller.Olia)]
    [InlineData(Controller.Coupled)]
    [InlineData(Controller.Balia)]
    public void Identical_paths_split_evenly_and_together_take_one_reno_rate(Controller controller)
    {
        var x = Respond(controller, [0.002, 0.002], [0.05, 0.05]);
        Assert.Equal(x[0], x[1], 1e-12 * x[0]);
        Assert.Equal(Reno(0.002, 0.05), x[0] + x[1], 1e-9 * x[0]);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Balia_away_from_ties_satisfies_p_r_equal_to_2_g_of_a_r_over_rtt_r_squared_x_squared(ulong seed)
    {
        var (p, rtt) = RandomPaths(seed, 2);
        var x = Respond(Controller.Balia, p, rtt, sharpness: 1e6);
        var total = x[0] + x[1];
        var largest = Math.Max(x[0], x[1]);
        for (var r = 0; r < 2; r++)
        {
            var a = largest / x[r];
            var g = (1 + a) * (4 + a) / (10 * Math.Min(a, 1.5));
            var price = 2 * g / (rtt[r] * rtt[r] * total * total);
            Assert.Equal(p[r], price, p[r] * 1e-9);
        }
    }

    [Theory]
    [InlineData(Controller.Reno)]
    [InlineData(Controller.Ewtcp)]
    [InlineData(Controller.Lia)]
    [InlineData(Controller.Olia)]
    [InlineData(Controller.Coupled)]
    [InlineData(Controller.Balia)]
    public void An_access_cap_below_the_uncapped_rate_holds_the_subflow_exactly_at_the_cap(Controller controller)
    {
        double[] p = [0.001, 0.002];
        double[] rtt = [0.05, 0.08];
        var uncapped = Respond(controller, p, rtt);
        var best = uncapped[0] >= uncapped[1] ? 0 : 1;
        var cap = new[] { double.PositiveInfinity, double.PositiveInfinity };
        cap[best] = 0.5 * uncapped[best];

        var x = Respond(controller, p, rtt, cap);

        Assert.Equal(cap[best], x[best], cap[best] * 1e-9);
    }
}
