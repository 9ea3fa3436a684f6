using System.Globalization;
using DuckDB.NET.Data;
using MarketSim.Experiments.Sensitivity;
using MarketSim.Experiments.Sweeps;
using MarketSim.Experiments.Tests.Sweeps;
using MarketSim.Reports;
using MarketSim.Reports.Results;

namespace MarketSim.Experiments.Tests.Sensitivity;

/// <summary>`analyze` on real (tiny) sweeps: the indices come from the runs' values paired as the design says, and bad
/// input writes nothing.</summary>
public class SensitivityAnalysisTests
{
    private const int Samples = 4;

    /// <summary>The flagship shrunk, with two uncertain parameters under a Saltelli design.</summary>
    private static string SaltelliFile(string design = "saltelli") => SweepFiles.Tiny(replications: 1, users: 600, ticks: 6)
        .Replace("price_sensitivity: 0.25", "price_sensitivity: [0.15, 0.35]")
        .Replace("mptcp_share: [0.2, 0.6]", "mptcp_share: [0.1, 0.7]")
        .Replace("design: grid", $"design: {design}\n  samples: {Samples}");

    private static async Task<string> RunSweepAsync(string text)
    {
        var plan = SweepReader.Load(TestFiles.Write(text));
        var folder = TestFiles.NewFolder();
        await SweepRunner.RunAsync(plan, folder, 2, false, new SilentProgress());
        return folder;
    }

    /// <summary>Mean consumer surplus over months 2-6 of every run, by DuckDB straight from the files.</summary>
    private static Dictionary<(int Point, string Policy), double> SurplusByRun(string folder)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT point, policy, avg(consumer_surplus_option_value) FROM read_parquet('{folder}/runs/*.parquet') WHERE tick BETWEEN 2 AND 6 GROUP BY point, policy";
        using var reader = command.ExecuteReader();
        var values = new Dictionary<(int, string), double>();
        while (reader.Read()) values[(reader.GetInt32(0), reader.GetString(1))] = reader.GetDouble(2);
        return values;
    }

    [Fact]
    public async Task Saltelli_analysis_pairs_policies_and_design_rows_as_the_design_says()
    {
        var folder = await RunSweepAsync(SaltelliFile());
        var metric = new SensitivityMetric("consumer_surplus_option_value", null, 2, 6, "performance", "flat");
        var result = await SensitivityAnalysis.RunAsync(folder, metric);

        // Reference: differences per point from DuckDB, rows of A, A_B^i and B picked by hand (block = k + 2 = 4).
        var surplus = SurplusByRun(folder);
        double Y(int point) => surplus[(point, "performance")] - surplus[(point, "flat")];
        var fA = Enumerable.Range(0, Samples).Select(j => Y(4 * j)).ToArray();
        var fB = Enumerable.Range(0, Samples).Select(j => Y(4 * j + 3)).ToArray();
        var fAB = new[] { 1, 2 }.Select(i => (IReadOnlyList<double>)Enumerable.Range(0, Samples).Select(j => Y(4 * j + i)).ToArray()).ToArray();
        var expected = SobolIndices.Estimate(fA, fB, fAB, SweepReader.Load(TestFiles.Write(SaltelliFile())).RootSeed);

        Assert.Equal(["users.mptcp_share", "users.price_sensitivity"], result.Parameters);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(expected[i].First, result.Of("first_order")[i].Value, 9);
            Assert.Equal(expected[i].Total, result.Of("total")[i].Value, 9);
        }
        Assert.Equal("consumer_surplus_option_value, months 2-6, performance − flat", result.Metric);

        await SweepReport.WriteAsync(folder);
        var files = await SensitivityOutput.WriteAsync(folder, result);
        Assert.Contains("<text", await File.ReadAllTextAsync(files.Charts[1]));
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*), count(DISTINCT parameter) FROM read_parquet('{files.Table}') WHERE design = 'saltelli'";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(4L, reader.GetInt64(0));
        Assert.Equal(2L, reader.GetInt64(1));
        var page = await File.ReadAllTextAsync(Path.Combine(folder, "report", "report.html"));
        Assert.Contains("Sensitivity analysis: consumer_surplus_option_value", page, StringComparison.Ordinal);

        // A second analysis replaces the section instead of adding one.
        await SensitivityOutput.WriteAsync(folder, await SensitivityAnalysis.RunAsync(folder, metric with { Column = "market_hhi" }));
        page = await File.ReadAllTextAsync(Path.Combine(folder, "report", "report.html"));
        Assert.Single(page.Split("<section id=\"sensitivity\">").Skip(1));
        Assert.Contains("Sensitivity analysis: market_hhi", page, StringComparison.Ordinal);

        // Re-plotting the sweep keeps the section.
        await SweepReport.WriteAsync(folder);
        page = await File.ReadAllTextAsync(Path.Combine(folder, "report", "report.html"));
        Assert.Single(page.Split("<section id=\"sensitivity\">").Skip(1));
    }

    [Fact]
    public async Task One_at_a_time_changes_are_paired_with_the_base_point()
    {
        var folder = await RunSweepAsync(SaltelliFile("one_at_a_time").Replace($"\n  samples: {Samples}", ""));
        var result = await SensitivityAnalysis.RunAsync(folder, new SensitivityMetric("consumer_surplus_option_value", null, 2, 6, "flat", null));
        var surplus = SurplusByRun(folder);
        // Points: 0 base, 1/2 mptcp_share low/high, 3/4 price_sensitivity low/high.
        Assert.Equal(surplus[(4, "flat")] - surplus[(0, "flat")], result.Of("high_change")[1].Value, 9);
        Assert.Equal(surplus[(1, "flat")] - surplus[(0, "flat")], result.Of("low_change")[0].Value, 9);
        // Dearer-feeling prices (higher alpha) cost surplus: the sign a reader expects.
        Assert.True(result.Of("high_change")[1].Value < result.Of("low_change")[1].Value);
    }

    public static TheoryData<string, string> BadMetrics => new()
    {
        { "no_such_column", "'no_such_column' is not a numeric column" },
        { "provider", "'provider' is not a numeric column" },
    };

    [Theory]
    [MemberData(nameof(BadMetrics))]
    public async Task Bad_input_names_the_problem_and_writes_nothing(string column, string expected)
    {
        var folder = await RunSweepAsync(SaltelliFile());
        var error = await Assert.ThrowsAsync<ConfigException>(() => SensitivityAnalysis.RunAsync(folder, new SensitivityMetric(column, null, null, null, null, null)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("consumer_surplus", error.Message, StringComparison.Ordinal);

        error = await Assert.ThrowsAsync<ConfigException>(() => SensitivityAnalysis.RunAsync(folder, new SensitivityMetric("share", null, 3, 7, null, null)));
        Assert.Contains("months 3:7 are outside the runs, which cover months 0 to 6", error.Message, StringComparison.Ordinal);
        error = await Assert.ThrowsAsync<ConfigException>(() => SensitivityAnalysis.RunAsync(folder, new SensitivityMetric("share", "3G-C", null, null, null, null)));
        Assert.Contains("'3G-C' is not a provider", error.Message, StringComparison.Ordinal);
        Assert.Throws<ConfigException>(() => SensitivityMetric.ParseDifference("performance-flatt", ["flat", "performance"]));
        Assert.Equal(("a-b", "c"), SensitivityMetric.ParseDifference("a-b-c", ["a-b", "c"]));
        Assert.False(Directory.Exists(Path.Combine(folder, SensitivityOutput.FolderName)));
    }

    [Fact]
    public async Task Sobol_indices_need_a_saltelli_sweep()
    {
        var folder = await RunSweepAsync(SweepFiles.Tiny(replications: 1, users: 300, ticks: 3));
        var error = await Assert.ThrowsAsync<ConfigException>(() => SensitivityAnalysis.RunAsync(folder, new SensitivityMetric("share", null, null, null, null, null)));
        Assert.Contains("this sweep's design is Grid; Sobol indices need design saltelli", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder, SensitivityOutput.FolderName)));
    }

    [Fact]
    public void A_saltelli_sweep_plans_N_times_k_plus_2_points_under_every_policy_on_common_seeds()
    {
        var plan = SweepReader.Load(TestFiles.Write(SaltelliFile()));
        Assert.Equal(SweepDesign.Saltelli, plan.Design);
        Assert.Equal(Samples * 4 * 2, plan.Runs.Count);
        Assert.Single(plan.Runs.Select(r => r.Seed).Distinct());
        var pow2 = Assert.Throws<ConfigException>(() => SweepReader.Load(TestFiles.Write(SaltelliFile().Replace($"samples: {Samples}", "samples: 6"))));
        Assert.Contains("not a power of two", pow2.Message, StringComparison.Ordinal);
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{0.1 + 0.6 * new SobolSequence(4).Points(2)[1][0]:R}"), plan.Runs[0].Parameters["users.mptcp_share"]);
    }
}
