using System.CommandLine;
using MarketSim.Experiments.Config;

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
            var config = ExperimentReader.Load(parse.GetValue(file)!);
            var m = config.Market;
            Console.WriteLine($"{config.File}: ok ({m.Name}: {m.Population.Users} users, {m.Providers.Count} providers, {m.Locations} locations, {m.Ticks} months)");
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }
}
