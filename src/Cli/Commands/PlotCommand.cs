using System.CommandLine;
using MarketSim.Experiments.Reports;

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
            Console.WriteLine($"report:   {report.Page}");
            Console.WriteLine($"figures:  {report.Files.Count(f => f.EndsWith(".png", StringComparison.Ordinal))} PNG + SVG in {report.Folder}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
