using System.CommandLine;
using MarketSim.Reports;

namespace MarketSim.Cli.Commands;

/// <summary>`marketsim plot RESULTS_DIR`: confidence-band plots, policy comparisons and report.html of a sweep.</summary>
public static class PlotCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var folder = new Argument<string>("results") { Description = "A sweep's results folder (holding sweep.json and runs/)" };
        var command = new Command("plot", "Plot a sweep: mean trajectories with 95 % bands, paired policy differences, and report/report.html.") { folder };
        command.SetAction((parse, cancel) => ExitCodes.GuardAsync(async () =>
        {
            var report = await SweepReport.WriteAsync(parse.GetValue(folder)!, cancel).ConfigureAwait(false);
            var missing = report.Statistics.MissingRuns;
            if (missing.Count > 0)
            {
                // A sweep still running or partly failed: say what is left out, then draw the rest.
                var shown = string.Join(", ", missing.Take(20)) + (missing.Count > 20 ? $", … and {missing.Count - 20} more (all listed in report.html)" : "");
                Console.Error.WriteLine($"missing:  {missing.Count} of {report.Statistics.TotalRuns} runs not finished (still running, failed, or not started), drawn without them: {shown}");
            }
            Console.WriteLine($"report:   {report.Page}");
            Console.WriteLine($"figures:  {report.Files.Count(f => f.EndsWith(".png", StringComparison.Ordinal))} PNG in {report.Folder}");
            Console.WriteLine($"summary:  {Path.Combine(report.Folder, SummaryTable.ParquetName)} (and .csv)");
            return ExitCodes.Success;
        }));
        return command;
    }
}
