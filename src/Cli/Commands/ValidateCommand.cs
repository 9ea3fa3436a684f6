using System.CommandLine;
using MarketSim.Experiments.Config;
using MarketSim.Experiments.Games;

namespace MarketSim.Cli.Commands;

/// <summary>`marketsim validate EXPERIMENT.yaml`: checks a file without running it.</summary>
public static class ValidateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var file = new Argument<string>("experiment") { Description = "Experiment file (YAML) to check" };
        var command = new Command("validate", "Check an experiment file without running it; exit 2 with file, line and key on error.") { file };
        command.SetAction((parse, _) => ExitCodes.GuardAsync(() =>
        {
            var path = parse.GetValue(file)!;
            if (File.Exists(path) && GameReader.IsGame(YamlFile.Load(path)))
            {
                var game = GameReader.Load(path);
                Console.WriteLine($"{game.File}: ok ({game.Name}: game of {game.Players.Count} players, {game.Space.Count} profiles, {game.Replications} replications)");
                return Task.FromResult(ExitCodes.Success);
            }
            var config = ExperimentReader.Load(path);
            var m = config.Market;
            Console.WriteLine($"{config.File}: ok ({m.Name}: {m.Population.Users} users, {m.Providers.Count} providers, {m.Locations} locations, {m.Ticks} months)");
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }
}
