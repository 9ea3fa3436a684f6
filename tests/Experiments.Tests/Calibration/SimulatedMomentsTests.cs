using System.Globalization;
using MarketSim.Experiments.Calibration;
using MarketSim.Experiments.Config;
using MarketSim.Experiments.Tests.Sweeps;
using MarketSim.Reports.Results;

namespace MarketSim.Experiments.Tests.Calibration;

public class SimulatedMomentsTests
{
    /// <summary>A small market with two free parameters and targets given as text.</summary>
    internal static string File(string priceSensitivity, string reviewProbability, string targets, string extra = "")
    {
        var text = SweepFiles.Tiny(replications: 1, users: 500, ticks: 10)
            .Replace("mptcp_share: [0.2, 0.6]", "mptcp_share: 0.4")
            .Replace("price_sensitivity: 0.25", $"price_sensitivity: {priceSensitivity}")
            .Replace("review_probability: 0.03", $"review_probability: {reviewProbability}");
        return text[..(text.IndexOf("\nsweep:", StringComparison.Ordinal) + 1)]
            + $"calibration:\n  replications: 1\n  max_evaluations: 60\n  tolerance: 1e-6\n{extra}  targets:\n{targets}";
    }

    internal static string Targets(IReadOnlyList<(string Metric, string Provider, double Value, double Se)> targets)
        => string.Concat(targets.Select(t => string.Create(CultureInfo.InvariantCulture,
            $"    - {{ metric: {t.Metric}, provider: {t.Provider}, window: \"3:10\", value: {t.Value:R}, standard_error: {t.Se:R} }}\n")));

    [Fact]
    public async Task Calibration_recovers_the_parameters_that_generated_the_targets()
    {
        // Targets simulated by the model itself at known parameters, on the seeds the calibration uses (common random numbers).
        const double alpha = 0.22, review = 0.07;
        var probes = new List<(string Metric, string Provider, double Value, double Se)>
        {
            ("price", "3G-A", 0, 0.2), ("price", "3G-B", 0, 0.2), ("churn_rate", "3G-A", 0, 0.004), ("churn_rate", "3G-B", 0, 0.004),
        };
        var truthSpec = CalibrationReader.Load(TestFiles.Write(File("[0.1, 0.4]", "[0.02, 0.12]", Targets(probes),
            string.Create(CultureInfo.InvariantCulture, $"  start: {{ users.price_sensitivity: {alpha:R}, users.review_probability: {review:R} }}\n"))));
        var truthFolder = TestFiles.NewFolder();
        var truth = await CalibrationRunner.RunAsync(truthSpec with { MaxEvaluations = 1 }, truthFolder, 2, resume: false);
        // The first evaluation is the start point (up to the logistic transform's rounding).
        Assert.Equal(alpha, truth.Trace[0].Values[0], 12);
        Assert.Equal(review, truth.Trace[0].Values[1], 12);
        var observed = probes.Select((p, i) => p with { Value = truth.Moments[i] }).ToList();
        Assert.All(observed, o => Assert.True(o.Value > 0));

        var path = TestFiles.Write(File("[0.1, 0.4]", "[0.02, 0.12]", Targets(observed),
            "  start: { users.price_sensitivity: 0.3, users.review_probability: 0.04 }\n"));
        var spec = CalibrationReader.Load(path);
        var folder = TestFiles.NewFolder();
        var result = await CalibrationRunner.RunAsync(spec, folder, 2, resume: false);
        Assert.InRange(result.Best[0], alpha * 0.9, alpha * 1.1);
        Assert.InRange(result.Best[1], review * 0.85, review * 1.15);
        Assert.True(result.Objective < 1, $"objective {result.Objective} at the best point");

        await CalibrationOutput.WriteAsync(spec, result);
        var calibrated = await System.IO.File.ReadAllTextAsync(Path.Combine(folder, CalibrationOutput.CalibratedFile));
        var config = ExperimentReader.Read(YamlFile.Parse("calibrated.yaml", calibrated), calibrated, partOfSweep: false);
        Assert.Equal(result.Best[0], config.Market.Population.MeanPriceSensitivity, 12);
        Assert.DoesNotContain("calibration:", calibrated, StringComparison.Ordinal);
        Assert.Equal(spec.Targets.Count + 1, (await System.IO.File.ReadAllLinesAsync(Path.Combine(folder, CalibrationOutput.FitFile))).Length);

        // Resuming after the end re-traces the search from the trace without running the market again.
        var resumed = await CalibrationRunner.RunAsync(spec, folder, 2, resume: true);
        Assert.Equal(result.Trace.Count, resumed.Reused);
        Assert.Equal(result.Best, resumed.Best);
    }

    public static TheoryData<string, string, string> BadFiles => new()
    {
        { "0.25", "0.03", "no free parameter" },
        { "[0.4, 0.1]", "0.03", "key 'users.price_sensitivity': bounds reversed or equal: [0.4, 0.1]" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Bad_calibration_files_are_rejected_with_the_reason(string alpha, string review, string expected)
    {
        var path = TestFiles.Write(File(alpha, review, Targets([("share", "WLAN", 0.1, 0.01)])));
        var error = Assert.Throws<ConfigException>(() => CalibrationReader.Load(path));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_moment_lists_the_accepted_ones()
    {
        var path = TestFiles.Write(File("[0.1, 0.4]", "0.03", Targets([("welfare_index", "WLAN", 0.1, 0.01)])));
        var error = Assert.Throws<ConfigException>(() => CalibrationReader.Load(path));
        Assert.Contains("'welfare_index' is not a moment of the run files; accepted: churn_rate, ", error.Message, StringComparison.Ordinal);
    }
}
