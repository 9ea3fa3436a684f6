using System.CommandLine;
using MarketSim.Cluster;
using MarketSim.Experiments.Config;
using MarketSim.Experiments.Output;
using MarketSim.Experiments.Sweeps;
using MarketSim.Reports;
using MarketSim.Reports.Results;

namespace MarketSim.Cli.Commands;

/// <summary>`marketsim sweep EXPERIMENT.yaml [--out DIR] [--workers N] [--resume] [--cluster HOST:PORT [--bind HOST]]`.</summary>
public static class SweepCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var file = new Argument<string>("experiment") { Description = "Sweep file: an experiment file with lists to sweep and a `sweep` section" };
        var output = new Option<string?>("--out") { Description = "Results folder (default: results/<experiment name>)" };
        var resume = new Option<bool>("--resume") { Description = "Keep finished runs of an interrupted sweep and run only the rest" };
        var workers = Options.Workers();
        var cluster = new Option<string?>("--cluster")
        {
            Description = "Coordinate the sweep over an Akka.Cluster at HOST:PORT (e.g. 127.0.0.1:4053): this process is the seed node "
                + "and writes the results; runs are made by `marketsim node --seed-node HOST:PORT` processes (--workers is then theirs)",
        };
        var bind = new Option<string?>("--bind")
        {
            Description = "With --cluster: the local address to listen on (default 127.0.0.1, this machine only); "
                + "give the LAN address or 0.0.0.0 to accept nodes from other machines",
        };
        var maxRuns = new Option<int>("--max-runs")
        {
            Description = $"Refuse a sweep planning more runs than this (default {InputLimits.DefaultMaxRuns}, at most {InputLimits.MaxRuns})",
            DefaultValueFactory = _ => InputLimits.DefaultMaxRuns,
        };
        var secretFile = Options.SecretFile();
        var command = new Command("sweep", "Run a parameter sweep with replications and policy variants; one Parquet file per run, then plots and report.html.")
        {
            file, output, workers, resume, cluster, bind, maxRuns, secretFile,
        };
        command.SetAction((parse, cancel) => ExitCodes.GuardAsync(async () =>
        {
            var threads = Options.CheckWorkers(parse.GetValue(workers));
            var limit = parse.GetValue(maxRuns);
            if (limit is < 1 or > InputLimits.MaxRuns)
                throw new ConfigException("command line", 0, "--max-runs", $"value {limit} is out of range; accepted: a whole number in [1, {InputLimits.MaxRuns}]");
            var plan = SweepReader.Load(parse.GetValue(file)!, limit);
            var folder = OutputFolder.Resolve(parse.GetValue(output), Path.Combine("results", plan.Name));
            if (parse.GetValue(cluster) is null)
            {
                var perRun = plan.Runs.Max(r => MemoryEstimate.Bytes(r.Config.Market, r.Config.PerUserOutput));
                MemoryEstimate.CheckConcurrent(plan.File, perRun, Math.Min(threads, plan.Runs.Count));
            }
            var endpoint = ClusterEndpoint(parse.GetValue(cluster), parse.GetValue(bind));
            var secret = endpoint is (var advertised, var listen)
                ? Options.Secret(parse.GetValue(secretFile), ClusterAddress.IsLoopback(listen) ? advertised.Host : listen)
                : null;
            var result = await SweepProgressDisplay.RunAsync(progress => endpoint is (var address, var host)
                ? ClusterSweep.RunAsync(plan, folder, parse.GetValue(resume), address, host, progress, Console.Error, cancel, secret)
                : SweepRunner.RunAsync(plan, folder, threads, parse.GetValue(resume), progress, cancel)).ConfigureAwait(false);
            Console.WriteLine($"sweep {plan.Name}: {result.Planned} runs ({result.RanNow} run now, {result.SkippedAsDone} already done)");
            Console.WriteLine($"runs:     {Path.Combine(folder, SweepManifest.RunsFolder)}/");
            Console.WriteLine($"manifest: {Path.Combine(folder, SweepManifest.FileName)}");
            var report = await SweepReport.WriteAsync(folder, cancel).ConfigureAwait(false);
            Console.WriteLine($"report:   {report.Page}");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The coordinator's advertised address and listening host, or null without --cluster. Listening
    /// beyond this machine must be asked for: a non-loopback address in --cluster needs --bind too.</summary>
    internal static (ClusterAddress Address, string BindHost)? ClusterEndpoint(string? cluster, string? bind)
    {
        if (cluster is null)
        {
            return bind is null ? null
                : throw new ConfigException("command line", 0, "--bind", "--bind only applies to a cluster sweep; add --cluster HOST:PORT");
        }
        var address = ClusterAddress.Parse(cluster, "--cluster");
        if (bind is not null) return (address, ClusterAddress.ParseHost(bind, "--bind", anyAllowed: true));
        if (!ClusterAddress.IsLoopback(address.Host))
            throw new ConfigException("command line", 0, "--cluster",
                $"{address} is reachable from other machines but the coordinator listens on {ClusterAddress.DefaultBindHost} unless asked; "
                + $"add --bind {address.Host} (or --bind 0.0.0.0 for every interface)");
        return (address, System.Net.IPAddress.TryParse(address.Host, out _) ? address.Host : ClusterAddress.DefaultBindHost);
    }
}
