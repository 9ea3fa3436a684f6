using MarketSim.Reports;

namespace MarketSim.Experiments.Tests.Reports;

public class RunTrajectoryTests
{
    private static readonly RunTrajectory Run = RunTrajectory.From(
    [
        new MetricsRow(0, "A", 200, 0.20, 0, 10, null),
        new MetricsRow(0, "B", 0, 0.00, 0, 12, null),
        new MetricsRow(1, "A", 180, 0.18, 40, 11, 1.5),
        new MetricsRow(1, "B", 50, 0.05, 0, 12, 1.5),
        new MetricsRow(2, "A", 150, 0.15, 45, 12, 1.7),
        new MetricsRow(2, "B", 40, 0.04, 10, 12, 1.7),
    ]);

    [Fact]
    public void Churn_out_rate_is_a_percentage_of_last_months_subscribers()
        => Assert.Equal([double.NaN, 100 * 40 / 200.0, 100 * 45 / 180.0], Run.Values(new Series(Metric.ChurnOutRate, "A")));

    [Fact]
    public void Churn_out_rate_after_a_month_without_subscribers_is_undefined()
        => Assert.Equal([double.NaN, double.NaN, 20.0], Run.Values(new Series(Metric.ChurnOutRate, "B")));

    [Fact]
    public void Shares_are_in_percent_and_surplus_is_undefined_at_month_zero()
    {
        Assert.Equal([20.0, 18.0, 15.0], Run.Values(new Series(Metric.Share, "A")));
        Assert.Equal([double.NaN, 1.5, 1.7], Run.Values(Series.ConsumerSurplus));
        Assert.Equal(["A", "B"], Run.Providers);
        Assert.Equal(2, Run.LastTick);
    }

    [Fact]
    public void Run_statistics_take_the_last_tick_or_the_mean_of_defined_months()
    {
        Assert.Equal(12, new RunStatistic(new Series(Metric.Price, "A"), Reduction.Final).Of(Run.Values(new Series(Metric.Price, "A"))));
        Assert.Equal(1.6, new RunStatistic(Series.ConsumerSurplus, Reduction.Mean).Of(Run.Values(Series.ConsumerSurplus)), 1e-12);
    }
}
