using System.CommandLine;
using System.Globalization;
using MarketSim.Experiments.Calibration;

namespace MarketSim.Cli.Commands;

/// <summary>`marketsim calibrate FILE [--out DIR] [--workers N] [--resume]`: method of simulated moments.</summary>
public static class CalibrateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var file = new Argument<string>("calibration") { Description = "Calibration file: an experiment file with free parameters as [low, high] and a `calibration` section of target moments" };
        var output = new Option<string?>("--out") { Description = "Output folder (default: results/<experiment name>-calibration)" };
        var resume = new Option<bool>("--resume") { Description = "Continue an interrupted calibration of the same file, reusing its evaluations" };
        var workers = Options.Workers();
        var command = new Command("calibrate", "Fit free parameters to observed moments (Nelder-Mead over common random numbers); writes calibrated.yaml, fit.csv and trace.csv.")
        {
            file, output, workers, resume,
        };
        command.SetAction((parse, cancel) => ExitCodes.GuardAsync(async () =>
        {
            int threads = Options.CheckWorkers(parse.GetValue(workers));
            var spec = CalibrationReader.Load(parse.GetValue(file)!);
            string folder = parse.GetValue(output) ?? Path.Combine("results", spec.Name + "-calibration");
            var result = await CalibrationRunner.RunAsync(spec, folder, threads, parse.GetValue(resume), e => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"evaluation {e.Index + 1}: {string.Join(", ", spec.Free.Select((f, i) => $"{f.Path} = {e.Values[i]:G5}"))}: objective {e.Objective:G5}{(e.Reused ? " (from trace)" : "")}")), cancel).ConfigureAwait(false);
            await CalibrationOutput.WriteAsync(spec, result).ConfigureAwait(false);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"calibration {spec.Name}: {result.Trace.Count} evaluations ({result.Reused} from the trace), objective {result.Objective:G5}, {(result.Converged ? "converged" : "stopped at calibration.max_evaluations")}"));
            for (int i = 0; i < spec.Free.Count; i++) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {spec.Free[i].Path} = {result.Best[i]:G6}"));
            for (int i = 0; i < spec.Targets.Count; i++)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {spec.Targets[i].Label}: target {spec.Targets[i].Value:G4}, simulated {result.Moments[i]:G4}"));
            Console.WriteLine($"files:    {Path.Combine(folder, CalibrationOutput.CalibratedFile)}, {Path.Combine(folder, CalibrationOutput.FitFile)}, {Path.Combine(folder, CalibrationRunner.TraceFile)}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
