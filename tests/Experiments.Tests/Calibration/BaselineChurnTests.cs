using System.Globalization;
using DuckDB.NET.Data;
using MarketSim.Experiments.Config;
using MarketSim.Experiments.Running;

namespace MarketSim.Experiments.Tests.Calibration;

[Collection("actor runs")]
public class BaselineChurnTests
{
    /// <summary>Observed mobile churn per month (DESIGN.md), the band experiments/baseline.yaml is calibrated to.</summary>
    private const double LowPercent = 1.5, HighPercent = 2.5;

    [Fact]
    public async Task The_baseline_churns_between_one_and_a_half_and_two_and_a_half_percent_a_month_from_month_12()
    {
        var baseline = ExperimentReader.Load(Repository.File("experiments/baseline.yaml"));
        // A fifth of the users on a fifth of the locations: capacities are per cell, so the users per cell, hence the
        // congestion that drives part of the churn, stay as in the full market (4,000 users on all 40 locations churn
        // about 0.3 points less). Everything else, the review probability and inertia above all, is the file's.
        var small = baseline with
        {
            Market = baseline.Market with
            {
                Population = baseline.Market.Population with { Users = baseline.Market.Population.Users / 5 },
                Locations = baseline.Market.Locations / 5,
            },
            BlockSize = 1000,
        };
        var output = await ExperimentRunner.RunAsync(small, TestFiles.NewFolder(), workers: 2);

        var churn = MeanMonthlyChurnPercent(output.MetricsFile, fromTick: 12);
        Assert.Equal(baseline.Market.Providers.Select(p => p.Name).Order(), churn.Keys.Order());
        Assert.All(churn, c => Assert.InRange(c.Value, LowPercent, HighPercent));
    }

    /// <summary>Per provider, the mean over months t >= <paramref name="fromTick"/> of churn_out(t) / subscribers(t − 1),
    /// the usual monthly churn rate, computed by DuckDB from the Parquet file (independently of the writer).</summary>
    private static Dictionary<string, double> MeanMonthlyChurnPercent(string metricsFile, int fromTick)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"""
            WITH monthly AS (
              SELECT provider, tick, churn_out, lag(subscribers) OVER (PARTITION BY provider ORDER BY tick) AS before
              FROM read_parquet('{metricsFile}'))
            SELECT provider, avg(100.0 * churn_out / before) FROM monthly
            WHERE tick >= {fromTick} AND before > 0 GROUP BY provider
            """);
        using var reader = command.ExecuteReader();
        var churn = new Dictionary<string, double>();
        while (reader.Read()) churn[reader.GetString(0)] = reader.GetDouble(1);
        return churn;
    }
}
