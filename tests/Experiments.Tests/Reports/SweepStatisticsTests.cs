using MarketSim.Reports;

namespace MarketSim.Experiments.Tests.Reports;

public class SweepStatisticsTests
{
    private const double T4 = 2.776445;
    private const double T3 = 3.182446;
    private static readonly Series ShareA = new(Metric.Share, "3G-A");
    private static readonly RunStatistic FinalShareA = new(ShareA, Reduction.Final);

    // Point 1's fifth "perf" run has not finished: pairs at point 1 are replications 0..3.
    private static readonly Lazy<Task<SweepStatistics>> Sweep = new(async () =>
        await SweepStatistics.LoadAsync(await SyntheticSweep.WriteAsync(leavePlanned: (p, policy, r) => p == 1 && policy == SyntheticSweep.Perf && r == 4)));

    [Fact]
    public async Task Final_share_interval_across_replications_is_the_hand_computed_one()
    {
        var stats = await Sweep.Value;
        var flat = stats.Statistic(0, SyntheticSweep.Flat, FinalShareA);
        Assert.Equal(44, flat.Mean, 1e-9);
        Assert.Equal(T4 * Math.Sqrt(10.0 / 5), flat.HalfWidth, 1e-5);
        var perf = stats.Statistic(0, SyntheticSweep.Perf, FinalShareA);
        Assert.Equal(46, perf.Mean, 1e-9);
        Assert.Equal(T4 * Math.Sqrt(12.5 / 5), perf.HalfWidth, 1e-5);
    }

    [Fact]
    public async Task Policy_difference_is_paired_within_each_replication()
    {
        var stats = await Sweep.Value;
        var difference = stats.StatisticDifference(0, SyntheticSweep.Perf, FinalShareA);
        Assert.Equal(2, difference.Mean, 1e-9);
        Assert.Equal(T4 * Math.Sqrt(0.5 / 5), difference.HalfWidth, 1e-5);
        var band = stats.Difference(0, SyntheticSweep.Perf, ShareA);
        Assert.Equal(3, band.Count);
        Assert.All(band, ci => Assert.Equal(2, ci.Mean, 1e-9));
    }

    [Fact]
    public async Task Common_random_numbers_show_as_a_smaller_paired_variance_at_the_last_tick()
    {
        var stats = await Sweep.Value;
        var variances = stats.LastTickVariances(0, SyntheticSweep.Perf, ShareA);
        Assert.Equal(0.5, variances.Paired, 1e-9);
        Assert.Equal(12.5 + 10, variances.Unpaired, 1e-9);
        Assert.Equal(5, variances.Pairs);
    }

    [Fact]
    public async Task Bands_give_one_interval_per_month()
    {
        var stats = await Sweep.Value;
        var shares = stats.Band(0, SyntheticSweep.Flat, ShareA);
        Assert.Equal(3, shares.Count);
        Assert.Equal(42, shares[1].Mean, 1e-9);
        Assert.Equal(T4 * Math.Sqrt(10.0 / 5), shares[1].HalfWidth, 1e-5);
        var churn = stats.Band(0, SyntheticSweep.Flat, new Series(Metric.ChurnOutRate, "3G-A"));
        Assert.Equal(0, churn[0].N);
        Assert.Equal(5, churn[1].Mean, 1e-9);
        Assert.Equal(0, churn[1].HalfWidth, 1e-9);
    }

    [Fact]
    public async Task Churn_surplus_and_price_statistics_match_the_hand_computed_values()
    {
        var stats = await Sweep.Value;
        Assert.Equal(5, stats.Statistic(0, SyntheticSweep.Flat, new(new Series(Metric.ChurnOutRate, "3G-A"), Reduction.Mean)).Mean, 1e-9);
        Assert.Equal(1, stats.Statistic(0, SyntheticSweep.Flat, new(new Series(Metric.ChurnOutRate, "WLAN-B"), Reduction.Mean)).Mean, 1e-9);
        Assert.Equal(5, stats.StatisticDifference(0, SyntheticSweep.Perf, new(new Series(Metric.ChurnOutRate, "3G-A"), Reduction.Mean)).Mean, 1e-9);
        var surplus = stats.Statistic(0, SyntheticSweep.Flat, new(Series.ConsumerSurplus, Reduction.Mean));
        Assert.Equal(2.3, surplus.Mean, 1e-9);
        Assert.Equal(T4 * Math.Sqrt(0.025 / 5), surplus.HalfWidth, 1e-5);
        Assert.Equal(13, stats.Statistic(1, SyntheticSweep.Flat, new(new Series(Metric.Price, "3G-A"), Reduction.Final)).Mean, 1e-9);
    }

    [Fact]
    public async Task Planned_runs_are_left_out_and_a_pair_needs_both_policies()
    {
        var stats = await Sweep.Value;
        Assert.Equal(19, stats.DoneRuns);
        Assert.Equal(20, stats.TotalRuns);
        Assert.Equal(5, stats.Runs(1, SyntheticSweep.Flat));
        Assert.Equal(4, stats.Runs(1, SyntheticSweep.Perf));
        var difference = stats.StatisticDifference(1, SyntheticSweep.Perf, FinalShareA);
        Assert.Equal(4, difference.N);
        // Differences 1, 2, 3, 2: s² = 2/3, three degrees of freedom.
        Assert.Equal(2, difference.Mean, 1e-9);
        Assert.Equal(T3 * Math.Sqrt(2.0 / 3 / 4), difference.HalfWidth, 1e-5);
    }

    [Fact]
    public async Task A_point_is_described_by_its_swept_values_not_the_policy_overrides()
    {
        var stats = await Sweep.Value;
        Assert.Equal(new Dictionary<string, string> { [SyntheticSweep.Swept] = "1.5" }, stats.PointParameters(1));
        Assert.Equal(["3G-A", "WLAN-B"], stats.Providers);
        Assert.Equal([0, 1], stats.Points);
        Assert.Equal(SyntheticSweep.Flat, stats.Reference);
    }

    [Fact]
    public async Task A_misspelt_policy_is_an_error_rather_than_an_empty_result()
    {
        var stats = await Sweep.Value;
        var error = Assert.Throws<ArgumentException>(() => stats.LastTickVariances(0, "pref", ShareA));
        Assert.Contains("pref", error.Message);
        Assert.Throws<ArgumentException>(() => stats.Difference(0, SyntheticSweep.Flat, ShareA));
    }
}
