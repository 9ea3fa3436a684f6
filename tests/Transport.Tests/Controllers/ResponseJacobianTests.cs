using MarketSim.Transport.Controllers;
using MarketSim.Transport.Synthetic;

namespace MarketSim.Transport.Tests.Controllers;

/// <summary>The analytic Jacobians the Newton solver relies on match central finite differences.</summary>
public sealed class ResponseJacobianTests
{
    public static TheoryData<Controller, int, bool, double, ulong> Cases()
    {
        var data = new TheoryData<Controller, int, bool, double, ulong>();
        foreach (var controller in Enum.GetValues<Controller>())
        {
            foreach (var paths in new[] { 1, 2, 3 })
            {
                foreach (var capped in new[] { false, true })
                {
                    // Sharpness 20 exercises the smoothing; 1e4 the clear-winner fast paths.
                    foreach (var sharpness in new[] { 20.0, 1e4 })
                    {
                        for (ulong seed = 1; seed <= 3; seed++)
                        {
                            data.Add(controller, paths, capped, sharpness, seed);
                        }
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_analytic_jacobian_of_every_controller_matches_finite_differences(
        Controller controller, int paths, bool capped, double sharpness, ulong seed)
    {
        var rng = new SplitMix64(seed * 7919 + (ulong)paths);
        var p = new double[paths];
        var rtt = new double[paths];
        var cap = new double[paths];
        for (var r = 0; r < paths; r++)
        {
            p[r] = Math.Exp(rng.NextDouble(Math.Log(1e-4), Math.Log(1e-1)));
            rtt[r] = rng.NextDouble(0.01, 0.2);
            cap[r] = double.PositiveInfinity;
        }

        if (capped)
        {
            // Cap one path below a third of its Reno rate, so the cap binds for EWTCP too.
            var r = rng.NextInt(paths);
            cap[r] = 0.3 * Math.Sqrt(2 / p[r]) / rtt[r];
        }

        var ws = new ResponseWorkspace(paths);
        var x = new double[paths];
        var jac = new double[paths * paths];
        var nu = new double[paths];
        BestResponse.Compute(controller, p, rtt, cap, new TieSmoothing(sharpness), nu, x, jac, ws);

        for (var j = 0; j < paths; j++)
        {
            var h = 1e-6 / Math.Sqrt(sharpness / 20) * p[j];
            var up = Respond(controller, p, rtt, cap, sharpness, j, +h);
            var down = Respond(controller, p, rtt, cap, sharpness, j, -h);
            for (var r = 0; r < paths; r++)
            {
                var numeric = (up[r] - down[r]) / (2 * h);
                var scale = Math.Max(Math.Abs(numeric), x[r] / p[j]) + 1e-12;
                Assert.True(Math.Abs(jac[r * paths + j] - numeric) <= 1e-4 * scale,
                    $"d x_{r} / d p_{j}: analytic {jac[r * paths + j]:E6}, numeric {numeric:E6}");
            }
        }
    }

    [Theory]
    [InlineData(Controller.Olia, false)]
    [InlineData(Controller.Olia, true)]
    [InlineData(Controller.Coupled, false)]
    [InlineData(Controller.Coupled, true)]
    [InlineData(Controller.Balia, false)]
    [InlineData(Controller.Balia, true)]
    public void The_jacobian_is_right_inside_the_tie_smoothing_where_the_split_moves_fastest(Controller controller, bool capped)
    {
        double[] p = [0.002, 0.00202];
        double[] rtt = [0.05, 0.05];
        double[] cap = [double.PositiveInfinity, capped ? 200 : double.PositiveInfinity];
        const double sharpness = 100;
        var x = new double[2];
        var jac = new double[4];
        BestResponse.Compute(controller, p, rtt, cap, new TieSmoothing(sharpness), new double[2], x, jac, new ResponseWorkspace(2));

        for (var j = 0; j < 2; j++)
        {
            var h = 1e-8 * p[j];
            var up = Respond(controller, p, rtt, cap, sharpness, j, +h);
            var down = Respond(controller, p, rtt, cap, sharpness, j, -h);
            for (var r = 0; r < 2; r++)
            {
                var numeric = (up[r] - down[r]) / (2 * h);
                Assert.Equal(numeric, jac[r * 2 + j], Math.Max(Math.Abs(numeric), x[r] / p[j]) * 1e-4);
            }
        }

        Assert.True(x[0] > 0 && x[1] > 0, "both paths carry traffic inside the smoothing");
    }

    private static double[] Respond(
        Controller controller, double[] p, double[] rtt, double[] cap, double sharpness, int j, double delta)
    {
        var shifted = (double[])p.Clone();
        shifted[j] += delta;
        var x = new double[p.Length];
        var nu = new double[p.Length];
        BestResponse.Compute(controller, shifted, rtt, cap, new TieSmoothing(sharpness), nu, x, [], new ResponseWorkspace(p.Length));
        return x;
    }
}
