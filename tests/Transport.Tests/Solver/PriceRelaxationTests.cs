using MarketSim.Transport.Solver;

namespace MarketSim.Transport.Tests.Solver;

/// <summary>
/// The relaxation fallback on its own, against equilibria computed in the test by bisection on closed forms
/// (Reno rate sqrt(2/p)/rtt, M/M/1/K blocking (1-rho) rho^K / (1 - rho^(K+1))).
/// </summary>
public sealed class PriceRelaxationTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void Two_capacity_links_shared_by_a_two_link_path_reach_the_prices_that_fill_both()
    {
        // Link A: 6 users (rtt 0.05) alone plus 3 users (rtt 0.12) crossing A and B; link B: 4 users (rtt 0.08)
        // alone plus the crossing ones. A third link only carries capped users and stays unpriced.
        var builder = new FlowNetworkBuilder();
        var a = builder.AddLink(3000);
        var b = builder.AddLink(1200);
        var c = builder.AddLink(5000);
        builder.AddGroup(Controller.Reno, PathSpec.Through(0.05, a));
        builder.AddGroup(Controller.Reno, PathSpec.Through(0.08, b));
        builder.AddGroup(Controller.Reno, PathSpec.Through(0.12, a, b));
        builder.AddGroup(Controller.Reno, PathSpec.Through(0.03, c).WithAccessCap(200));
        var net = builder.Build();
        double[] counts = [6, 4, 3, 10];

        var prices = new double[net.LinkCount];
        Assert.True(Relax(net, counts, prices, 500, out _));

        var (pa, pb) = FillBoth(counts);
        Assert.Equal(pa, prices[0], pa * 1e-6);
        Assert.Equal(pb, prices[1], pb * 1e-6);
        Assert.Equal(0, prices[2]);
    }

    [Theory]
    [InlineData(20, 8.0, 0.1)]
    [InlineData(100, 40.0, 0.04)]
    public void A_loss_link_reaches_the_loss_its_own_blocking_probability_gives(int buffer, double users, double rtt)
    {
        const double capacity = 4000;
        var builder = new FlowNetworkBuilder();
        var link = builder.AddLink(capacity, LinkModel.LossMM1K, buffer);
        builder.AddGroup(Controller.Reno, PathSpec.Through(rtt, link));
        var net = builder.Build();

        var prices = new double[1];
        Assert.True(Relax(net, [users], prices, 500, out _));

        // p = B(users x sqrt(2/p)/rtt / capacity): the left side rises and the right falls in p, so bisect.
        var reference = Bisect(p => p - Blocking(users * Math.Sqrt(2 / p) / rtt / capacity, buffer), 1e-12, 1);
        Assert.Equal(reference, prices[0], reference * 1e-6);
    }

    [Fact]
    public void It_reports_the_sweeps_it_took_and_fails_when_allowed_fewer()
    {
        var builder = new FlowNetworkBuilder();
        var a = builder.AddLink(3000);
        var b = builder.AddLink(1200);
        builder.AddGroup(Controller.Reno, PathSpec.Through(0.05, a));
        builder.AddGroup(Controller.Reno, PathSpec.Through(0.08, b));
        builder.AddGroup(Controller.Reno, PathSpec.Through(0.12, a, b));
        var net = builder.Build();
        double[] counts = [6, 4, 3];

        Assert.True(Relax(net, counts, new double[2], 500, out var sweeps));
        Assert.InRange(sweeps, 2, 499);  // coupled links: one sweep cannot settle both
        Assert.False(Relax(net, counts, new double[2], sweeps - 1, out var capped));
        Assert.Equal(sweeps - 1, capped);
    }

    private static bool Relax(FlowNetwork net, double[] counts, double[] prices, int maxSweeps, out int sweeps)
    {
        var eval = new NetworkEvaluator(net, LinkJacobianPattern.Build(net), 1);
        var relaxation = new PriceRelaxation(net, eval);
        return relaxation.Run(counts, prices, 1, Tolerance, maxSweeps, out _, out sweeps);
    }

    /// <summary>The prices at which links A and B are exactly full, by nested bisection in log price.</summary>
    private static (double A, double B) FillBoth(double[] counts)
    {
        static double Reno(double p, double rtt) => Math.Sqrt(2 / p) / rtt;
        double PriceOfB(double pa) =>
            Bisect(pb => 1200 - counts[1] * Reno(pb, 0.08) - counts[2] * Reno(pa + pb, 0.12), 1e-14, 1);
        var pa = Bisect(p => 3000 - counts[0] * Reno(p, 0.05) - counts[2] * Reno(p + PriceOfB(p), 0.12), 1e-14, 1);
        return (pa, PriceOfB(pa));
    }

    /// <summary>The root of an increasing function on [lo, hi], by bisection in log scale.</summary>
    private static double Bisect(Func<double, double> increasing, double lo, double hi)
    {
        double logLo = Math.Log(lo), logHi = Math.Log(hi);
        for (var i = 0; i < 200; i++)
        {
            var mid = 0.5 * (logLo + logHi);
            if (increasing(Math.Exp(mid)) < 0)
            {
                logLo = mid;
            }
            else
            {
                logHi = mid;
            }
        }

        return Math.Exp(0.5 * (logLo + logHi));
    }

    private static double Blocking(double rho, int k) => (1 - rho) * Math.Pow(rho, k) / (1 - Math.Pow(rho, k + 1));
}
