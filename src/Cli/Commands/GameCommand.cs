using System.CommandLine;
using MarketSim.Experiments.Cluster;
using MarketSim.Experiments.Config;
using MarketSim.Experiments.Games;
using MarketSim.Experiments.Output;
using MarketSim.Experiments.Sweeps;

namespace MarketSim.Cli.Commands;

/// <summary>`marketsim game FILE [--out DIR] [--workers N] [--resume] [--cluster HOST:PORT [--bind HOST] [--secret-file F]]`.</summary>
public static class GameCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var file = new Argument<string>("game") { Description = "Game file: an experiment file with a `game` section (players, strategies, payoff)" };
        var output = new Option<string?>("--out") { Description = "Results folder (default: results/<experiment name>)" };
        var resume = new Option<bool>("--resume") { Description = "Keep finished runs of an interrupted game and run only the rest" };
        var workers = Options.Workers();
        var cluster = new Option<string?>("--cluster")
        {
            Description = "Run the profiles over an Akka.Cluster at HOST:PORT, as `sweep --cluster` does (workers: `marketsim node --seed-node HOST:PORT`); exhaustive games only",
        };
        var bind = new Option<string?>("--bind") { Description = "With --cluster: the local address to listen on (default 127.0.0.1)" };
        var secretFile = Options.SecretFile();
        var command = new Command("game",
            "Run an empirical game: every strategy profile (or those a deviation-following search needs) with replications; "
            + "payoffs.parquet, equilibria at 95 %, best-response graph, Pareto-optimal profiles and game/report.html.")
        {
            file, output, workers, resume, cluster, bind, secretFile,
        };
        command.SetAction((parse, cancel) => ExitCodes.GuardAsync(async () =>
        {
            int threads = Options.CheckWorkers(parse.GetValue(workers));
            var plan = GameReader.Load(parse.GetValue(file)!);
            string folder = OutputFolder.Resolve(parse.GetValue(output), Path.Combine("results", plan.Name));
            var endpoint = SweepCommand.ClusterEndpoint(parse.GetValue(cluster), parse.GetValue(bind));
            if (endpoint is not null && plan.Search == GameSearch.Deviations)
                throw new ConfigException(plan.File, 0, "--cluster", "a deviation-following search runs in rounds and a cluster coordinator serves one round; accepted with --cluster: game.search: exhaustive, or run without --cluster");
            var secret = endpoint is (var advertised, var listen)
                ? Options.Secret(parse.GetValue(secretFile), ClusterAddress.IsLoopback(listen) ? advertised.Host : listen)
                : null;
            var result = await SweepProgressDisplay.RunAsync(progress => GameRunner.RunAsync(plan, folder, (sweep, resumeBatch) => endpoint is (var address, var host)
                ? ClusterSweep.RunAsync(sweep, folder, resumeBatch, address, host, progress, Console.Error, cancel, secret)
                : SweepRunner.RunAsync(sweep, folder, threads, resumeBatch, progress, cancel), parse.GetValue(resume), cancel)).ConfigureAwait(false);
            await PayoffsFile.WriteAsync(Path.Combine(folder, PayoffsFile.FileName), result).ConfigureAwait(false);
            string page = await GameReport.WriteAsync(folder, result).ConfigureAwait(false);
            Console.WriteLine($"game {plan.Name}: {result.Payoffs.Profiles.Count()} of {plan.Space.Count} profiles, {plan.Replications} replications ({result.RunsMadeNow} runs made now)");
            foreach (string line in GameText.Findings(result)) Console.WriteLine($"  {line}");
            Console.WriteLine($"runs:     {Path.Combine(folder, SweepManifest.RunsFolder)}/");
            Console.WriteLine($"payoffs:  {Path.Combine(folder, PayoffsFile.FileName)}");
            Console.WriteLine($"report:   {page}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
