using System.CommandLine;
using System.Globalization;
using MarketSim.Experiments.Sensitivity;
using MarketSim.Reports;
using MarketSim.Reports.Results;

namespace MarketSim.Cli.Commands;

/// <summary>`marketsim analyze RESULTS_DIR [--metric NAME] [--provider NAME] [--window FROM:TO] [--policy NAME | --policy-difference A-B]`.</summary>
public static class AnalyzeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var folder = new Argument<string>("results") { Description = "Results folder of a sweep with design saltelli, morris or one_at_a_time" };
        var metric = new Option<string>("--metric")
        {
            Description = "Any numeric column of the run files, averaged over the window (default welfare; e.g. consumer_surplus_realised, producer_surplus, share, price, churn_out)",
            DefaultValueFactory = _ => SensitivityMetric.DefaultColumn,
        };
        var provider = new Option<string?>("--provider") { Description = "Average only this provider's rows (default: every provider's rows; market-wide columns are the same on each)" };
        var window = new Option<string?>("--window") { Description = "Months FROM:TO averaged, inclusive (default: 1 to the last month)" };
        var policy = new Option<string?>("--policy") { Description = "The policy analysed (default: the first policy of the sweep)" };
        var difference = new Option<string?>("--policy-difference")
        {
            Description = "Analyse the paired difference POLICY-REFERENCE on common random numbers, e.g. performance-flat",
        };
        var command = new Command("analyze", "Global sensitivity of a sweep: Sobol indices (saltelli), Morris screening (morris) or a tornado chart (one_at_a_time); writes analysis/ and a report section.")
        {
            folder, metric, provider, window, policy, difference,
        };
        command.SetAction((parse, cancel) => ExitCodes.GuardAsync(async () =>
        {
            var results = parse.GetValue(folder)!;
            (int From, int To)? months = parse.GetValue(window) is string w ? SensitivityMetric.ParseWindow(w) : null;
            string? chosen = parse.GetValue(policy), reference = null;
            if (parse.GetValue(difference) is string d)
            {
                if (chosen is not null)
                    throw new ConfigException("command line", 0, "--policy", "give either --policy or --policy-difference, not both");
                var policies = File.Exists(Path.Combine(results, SweepManifest.FileName))
                    ? SweepManifest.Read(results).Policies : [];
                (chosen, reference) = SensitivityMetric.ParseDifference(d, policies);
            }
            var spec = new SensitivityMetric(parse.GetValue(metric)!, parse.GetValue(provider), months?.From, months?.To, chosen, reference);
            var result = await SensitivityAnalysis.RunAsync(results, spec, cancel).ConfigureAwait(false);
            var files = await SensitivityOutput.WriteAsync(results, result, cancel).ConfigureAwait(false);
            Console.WriteLine($"metric:   {result.Metric}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"output:   over {result.Points} points mean {result.OutputMean:G4}, sd {result.OutputStandardDeviation:G4}, min {result.OutputMin:G4}, max {result.OutputMax:G4}"));
            foreach (var group in result.Rows.GroupBy(r => r.Parameter))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {group.Key,-40} {string.Join("  ", group.Select(r => double.IsFinite(r.Low) ? $"{r.Measure} {r.Value:F3} [{r.Low:F3}, {r.High:F3}]" : $"{r.Measure} {r.Value:F3}"))}"));
            }
            Console.WriteLine($"indices:  {files.Table}");
            Console.WriteLine($"charts:   {string.Join(", ", files.Charts)}");
            Console.WriteLine(files.ReportUpdated ? $"report:   section added to {Path.Combine(results, "report", "report.html")}" : $"section:  {files.Section} (run `marketsim plot {results}` for report.html)");
            return ExitCodes.Success;
        }));
        return command;
    }
}
