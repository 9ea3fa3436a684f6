using MarketSim.Market.Pricing;

namespace MarketSim.Market.Tests.Pricing;

public class FeeSearchTests
{
    private static double[] Batch(IReadOnlyList<IReadOnlyList<double>> candidates, Func<IReadOnlyList<double>, double> f)
        => candidates.Select(f).ToArray();

    [Theory]
    [InlineData(10.0, 3.7)]
    [InlineData(1.0, 37.5)]
    [InlineData(0.0, 0.4)]
    public void One_fee_reaches_the_maximum_of_a_unimodal_profit_from_far_away(double start, double best)
    {
        var x = FeeSearch.Maximise([start, 5], [0], [0, 0], [1000, 1000],
            c => Batch(c, f => -Math.Pow(Math.Log(f[0] + 1e-9) - Math.Log(best), 2)));
        Assert.Equal(best, x[0], best * 1e-5);
        Assert.Equal(5, x[1]);
    }

    [Fact]
    public void A_bound_binds_when_profit_keeps_rising()
    {
        var x = FeeSearch.Maximise([10.0], [0], [0], [12.5], c => Batch(c, f => f[0]));
        Assert.Equal(12.5, x[0]);
    }

    [Fact]
    public void Several_fees_reach_a_joint_maximum_with_strongly_coupled_coordinates()
    {
        // Concave with a ridge along x0 = x1 (coordinate ascent alone would crawl).
        static double F(IReadOnlyList<double> f) => -Math.Pow(f[0] - 4, 2) - Math.Pow(f[1] - 6, 2) - 50 * Math.Pow(f[0] - f[1] + 2, 2) - Math.Pow(f[2] - 1, 2);
        var x = FeeSearch.Maximise([1.0, 1.0, 3.0], [0, 1, 2], [0, 0, 0], [100, 100, 100], c => Batch(c, F));
        Assert.Equal(4, x[0], 1e-3);
        Assert.Equal(6, x[1], 1e-3);
        Assert.Equal(1, x[2], 1e-3);
    }

    [Fact]
    public void A_start_next_to_the_optimum_costs_one_batch_of_three_candidates()
    {
        // A warm start (last month's fee): the first Newton step is tiny, so it is taken without another evaluation.
        var batches = new List<int>();
        var x = FeeSearch.Maximise([3.70001], [0], [0], [100], c =>
        {
            batches.Add(c.Count);
            return Batch(c, f => -Math.Pow(Math.Log(f[0]) - Math.Log(3.7), 2));
        });
        Assert.Equal([3], batches);
        Assert.Equal(3.7, x[0], 3.7 * 1e-7); // central differences (h = 1e-4 of the fee) place the optimum to about h²
    }

    [Fact]
    public void Where_profit_is_convex_but_sloped_the_search_climbs_with_newton_sized_steps_instead_of_grids()
    {
        // exp(-(ln f - ln 30)^2) is convex far below its peak: from 1 the search climbs, then Newton settles.
        var candidates = 0;
        var x = FeeSearch.Maximise([1.0], [0], [0], [1000], c =>
        {
            candidates += c.Count;
            return Batch(c, f => Math.Exp(-Math.Pow(Math.Log(f[0]) - Math.Log(30), 2)));
        });
        Assert.Equal(30, x[0], 30 * 1e-6);
        Assert.InRange(candidates, 3, 36);
    }

    [Fact]
    public void Searches_in_lockstep_find_what_each_finds_alone_in_as_many_calls_as_the_longest()
    {
        // A warm Newton search, a cold climb, a bound that binds, a flat region left to the grids, and a joint search
        // of two coupled fees: different numbers of steps, some batches of 3 and some of 17-19.
        static double Peak(IReadOnlyList<double> f, int v, double at) => -Math.Pow(Math.Log(f[v] + 1e-9) - Math.Log(at), 2);
        var problems = new FeeSearch.Problem[]
        {
            new([3.70001, 2, 2], [0], [0, 0, 0], [100, 100, 100]),
            new([1.0, 2, 2], [0], [0, 0, 0], [1000, 1000, 1000]),
            new([10.0, 2, 2], [0], [0, 0, 0], [12.5, 12.5, 12.5]),
            new([5.0, 5, 2], [1], [0, 0, 0], [100, 100, 100]),
            new([1.0, 1, 3], [0, 2], [0, 0, 0], [100, 100, 100]),
        };
        Func<IReadOnlyList<double>, double>[] objectives =
        [
            f => Peak(f, 0, 3.7),
            f => Math.Exp(-Math.Pow(Math.Log(f[0]) - Math.Log(30), 2)),
            f => f[0],
            f => Math.Max(0, f[1] - 40) - (0.001 * Math.Pow(f[1] - 60, 2)),
            f => -Math.Pow(f[0] - 4, 2) - Math.Pow(f[2] - 6, 2) - (20 * Math.Pow(f[0] - f[2] + 2, 2)),
        ];
        var alone = new double[problems.Length][];
        var callsAlone = new int[problems.Length];
        for (var i = 0; i < problems.Length; i++)
        {
            var objective = objectives[i];
            var problem = problems[i];
            alone[i] = FeeSearch.Maximise(problem.Start, problem.Variables, problem.Lower, problem.Upper, c =>
            {
                callsAlone[i]++;
                return Batch(c, objective);
            });
        }
        var calls = 0;

        var together = FeeSearch.MaximiseAll(problems, batch =>
        {
            calls++;
            return batch.Select(c => objectives[c.Problem](c.Fees)).ToArray();
        });

        for (var i = 0; i < problems.Length; i++) Assert.Equal(alone[i], together[i]);
        Assert.Equal(callsAlone.Max(), calls);
        Assert.True(callsAlone.Distinct().Count() > 1, "the searches take different numbers of steps");
    }

    /// <summary>A logit monopoly's profit (p − c) s(p), s = e^(a − b p) / (1 + e^(a − b p)), and its derivatives in p
    /// (computed here by hand), summed over several coordinates moved together.</summary>
    private static FeeSearch.Outcome LogitProfit(FeeSearch.Probe probe, double a, double b, double c)
    {
        double value = 0, slope = 0, curvature = 0;
        for (var v = 0; v < probe.Fees.Count; v++)
        {
            var p = probe.Fees[v];
            var s = 1 / (1 + Math.Exp(-(a - b * p)));
            double ds = -b * s * (1 - s), dds = b * b * s * (1 - s) * (1 - 2 * s);
            value += (p - c) * s;
            if (probe.Along is null || !probe.Along.Contains(v)) continue;
            slope += s + (p - c) * ds;
            curvature += 2 * ds + (p - c) * dds;
        }
        return probe.Along is null ? new FeeSearch.Outcome(value) : new FeeSearch.Outcome(value, slope, curvature);
    }

    /// <summary>The logit monopoly's optimum: p = c + 1 / (b (1 − s(p))), solved here by bisection on its first-order condition.</summary>
    private static double LogitOptimum(double a, double b, double c)
    {
        double low = c, high = c + 100;
        for (var n = 0; n < 200; n++)
        {
            var p = 0.5 * (low + high);
            var s = 1 / (1 + Math.Exp(-(a - b * p)));
            if (s + (p - c) * -b * s * (1 - s) > 0) low = p;
            else high = p;
        }
        return 0.5 * (low + high);
    }

    [Theory]
    [InlineData(2.0, 0.3, 4.0, 5.0)]
    [InlineData(-1.0, 0.05, 10.0, 40.0)]
    [InlineData(3.0, 1.2, 0.5, 0.6)]
    public void With_analytic_slopes_each_newton_step_asks_for_one_probe_and_reaches_the_optimum(double a, double b, double c, double start)
    {
        var optimum = LogitOptimum(a, b, c);
        var probes = new List<int>();
        var x = FeeSearch.MaximiseAll([new FeeSearch.Problem([start], [0], [0], [1000])], batch =>
        {
            probes.AddRange(batch.Select(p => p.Along is null ? 0 : 1));
            return batch.Select(p => LogitProfit(p, a, b, c)).ToArray();
        }, slopes: true)[0];
        Assert.Equal(optimum, x[0], optimum * 1e-6);
        // Newton steps ask for one probe with a direction, not three values; grids (if any) for plain values.
        var differenced = new List<int>();
        var y = FeeSearch.MaximiseAll([new FeeSearch.Problem([start], [0], [0], [1000])], batch =>
        {
            differenced.Add(batch.Count);
            Assert.All(batch, p => Assert.Null(p.Along));
            return batch.Select(p => LogitProfit(p, a, b, c)).ToArray();
        }, slopes: false)[0];
        Assert.Equal(optimum, y[0], optimum * 1e-6);
        Assert.Contains(1, probes);
        Assert.True(probes.Count < differenced.Sum(), $"{probes.Count} probes with slopes against {differenced.Sum()} without");
    }

    [Fact]
    public void With_analytic_slopes_a_warm_start_costs_one_probe_and_a_joint_shift_moves_both_fees()
    {
        var optimum = LogitOptimum(2, 0.3, 4);
        var batches = new List<int>();
        var x = FeeSearch.MaximiseAll([new FeeSearch.Problem([optimum * (1 + 2e-4)], [0], [0], [1000])], batch =>
        {
            batches.Add(batch.Count);
            return batch.Select(p => LogitProfit(p, 2, 0.3, 4)).ToArray();
        }, slopes: true)[0];
        Assert.Equal([1], batches);
        Assert.Equal(optimum, x[0], optimum * 1e-7);
        // Two identical fees searched jointly: the common shift's slope is the sum of both coordinates' slopes.
        var joint = FeeSearch.MaximiseAll([new FeeSearch.Problem([9.0, 7.0], [0, 1], [0, 0], [1000, 1000])],
            batch => batch.Select(p => LogitProfit(p, 2, 0.3, 4)).ToArray(), slopes: true)[0];
        Assert.Equal(optimum, joint[0], optimum * 1e-6);
        Assert.Equal(optimum, joint[1], optimum * 1e-6);
    }
}
