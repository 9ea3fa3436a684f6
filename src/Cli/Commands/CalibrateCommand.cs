using System.CommandLine;
using System.Globalization;
using MarketSim.Experiments.Calibration;
using MarketSim.Cluster;

namespace MarketSim.Cli.Commands;

/// <summary>`marketsim calibrate FILE [--out DIR] [--workers N] [--resume] [--cluster HOST:PORT [--bind HOST] [--secret-file F]]`:
/// method of simulated moments.</summary>
public static class CalibrateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var file = new Argument<string>("calibration") { Description = "Calibration file: an experiment file with free parameters as [low, high] and a `calibration` section of target moments" };
        var output = new Option<string?>("--out") { Description = "Output folder (default: results/<experiment name>-calibration)" };
        var resume = new Option<bool>("--resume") { Description = "Continue an interrupted calibration of the same file, reusing its evaluations" };
        var workers = Options.Workers();
        var cluster = new Option<string?>("--cluster")
        {
            Description = "Make each evaluation's runs over an Akka.Cluster at HOST:PORT, as `sweep --cluster` does (workers: "
                + "`marketsim node --seed-node HOST:PORT`, which stay joined for every evaluation); the output is the same bytes",
        };
        var bind = new Option<string?>("--bind") { Description = "With --cluster: the local address to listen on (default 127.0.0.1)" };
        var secretFile = Options.SecretFile();
        var command = new Command("calibrate", "Fit free parameters to observed moments (Nelder-Mead over common random numbers); writes calibrated.yaml, fit.csv and trace.csv.")
        {
            file, output, workers, resume, cluster, bind, secretFile,
        };
        command.SetAction((parse, cancel) => ExitCodes.GuardAsync(async () =>
        {
            var threads = Options.CheckWorkers(parse.GetValue(workers));
            var spec = CalibrationReader.Load(parse.GetValue(file)!);
            var folder = parse.GetValue(output) ?? Path.Combine("results", spec.Name + "-calibration");
            var endpoint = SweepCommand.ClusterEndpoint(parse.GetValue(cluster), parse.GetValue(bind));
            void Progress(CalibrationEvaluation e) => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"evaluation {e.Index + 1}: {string.Join(", ", spec.Free.Select((f, i) => $"{f.Path} = {e.Values[i]:G5}"))}: objective {e.Objective:G5}{(e.Reused ? " (from trace)" : "")}"));
            CalibrationResult result;
            if (endpoint is var (address, host))
            {
                var secret = Options.Secret(parse.GetValue(secretFile), ClusterAddress.IsLoopback(host) ? address.Host : host);
                var session = ClusterSession.Start(address, host, Console.Error, secret);
                await using (session.ConfigureAwait(false))
                {
                    result = await CalibrationRunner.RunAsync(spec, folder, ClusterCalibration.On(session, spec), parse.GetValue(resume), Progress, cancel).ConfigureAwait(false);
                }
            }
            else
            {
                result = await CalibrationRunner.RunAsync(spec, folder, threads, parse.GetValue(resume), Progress, cancel).ConfigureAwait(false);
            }
            await CalibrationOutput.WriteAsync(spec, result).ConfigureAwait(false);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"calibration {spec.Name}: {result.Trace.Count} evaluations ({result.Reused} from the trace), objective {result.Objective:G5}, {(result.Converged ? "converged" : "stopped at calibration.max_evaluations")}"));
            for (var i = 0; i < spec.Free.Count; i++) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {spec.Free[i].Path} = {result.Best[i]:G6}"));
            for (var i = 0; i < spec.Targets.Count; i++)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {spec.Targets[i].Label}: target {spec.Targets[i].Value:G4}, simulated {result.Moments[i]:G4}"));
            Console.WriteLine($"files:    {Path.Combine(folder, CalibrationOutput.CalibratedFile)}, {Path.Combine(folder, CalibrationOutput.FitFile)}, {Path.Combine(folder, CalibrationRunner.TraceFile)}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
