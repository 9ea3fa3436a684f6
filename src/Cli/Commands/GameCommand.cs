using System.CommandLine;
using MarketSim.Cluster;
using MarketSim.Experiments.Games;
using MarketSim.Experiments.Output;
using MarketSim.Experiments.Sweeps;
using MarketSim.Reports.Results;

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
            Description = "Run the profiles over an Akka.Cluster at HOST:PORT, as `sweep --cluster` does (workers: `marketsim node --seed-node HOST:PORT`, which stay joined for every round of a deviation search)",
        };
        var bind = new Option<string?>("--bind") { Description = "With --cluster: the local address to listen on (default 127.0.0.1)" };
        var secretFile = Options.SecretFile();
        var command = new Command("game",
            "Run an empirical game: every strategy profile (or those a deviation-following search needs) with replications; "
            + "payoffs.parquet, equilibria at 95 %, best_responses.csv (the best-response graph), Pareto-optimal profiles and game/report.html.")
        {
            file, output, workers, resume, cluster, bind, secretFile,
        };
        command.SetAction((parse, cancel) => ExitCodes.GuardAsync(async () =>
        {
            var threads = Options.CheckWorkers(parse.GetValue(workers));
            var plan = GameReader.Load(parse.GetValue(file)!);
            var folder = OutputFolder.Resolve(parse.GetValue(output), Path.Combine("results", plan.Name));
            var endpoint = SweepCommand.ClusterEndpoint(parse.GetValue(cluster), parse.GetValue(bind));
            var secret = endpoint is (var advertised, var listen)
                ? Options.Secret(parse.GetValue(secretFile), ClusterAddress.IsLoopback(listen) ? advertised.Host : listen)
                : null;
            // One cluster session for the whole game: a deviation search's rounds are its successive batches.
            var session = endpoint is (var address, var host) ? ClusterSession.Start(address, host, Console.Error, secret) : null;
            GameResult result;
            try
            {
                result = await SweepProgressDisplay.RunAsync(progress => GameRunner.RunAsync(plan, folder, (sweep, resumeBatch) => session is not null
                    ? ClusterSweep.RunAsync(session, sweep, folder, resumeBatch, progress, cancel)
                    : SweepRunner.RunAsync(sweep, folder, threads, resumeBatch, progress, cancel), parse.GetValue(resume), cancel)).ConfigureAwait(false);
            }
            finally
            {
                if (session is not null) await session.DisposeAsync().ConfigureAwait(false);
            }
            await PayoffsFile.WriteAsync(Path.Combine(folder, PayoffsFile.FileName), result).ConfigureAwait(false);
            await BestResponseFile.WriteAsync(Path.Combine(folder, BestResponseFile.FileName), result).ConfigureAwait(false);
            var page = await GameReport.WriteAsync(folder, result).ConfigureAwait(false);
            Console.WriteLine($"game {plan.Name}: {result.Payoffs.Profiles.Count()} of {plan.Space.Count} profiles, {plan.Replications} replications ({result.RunsMadeNow} runs made now)");
            foreach (var line in GameText.Findings(result)) Console.WriteLine($"  {line}");
            Console.WriteLine($"runs:     {Path.Combine(folder, SweepManifest.RunsFolder)}/");
            Console.WriteLine($"payoffs:  {Path.Combine(folder, PayoffsFile.FileName)}");
            Console.WriteLine($"graph:    {Path.Combine(folder, BestResponseFile.FileName)}");
            Console.WriteLine($"report:   {page}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
