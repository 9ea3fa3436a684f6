using System.CommandLine;
using MarketSim.Experiments.Config;
using MarketSim.Experiments.Output;
using MarketSim.Experiments.Running;

namespace MarketSim.Cli.Commands;

/// <summary>`marketsim run EXPERIMENT.yaml [--out DIR] [--seed N] [--workers N] [--per-user]`.</summary>
public static class RunCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var file = new Argument<string>("experiment") { Description = "Experiment file (YAML), e.g. experiments/baseline.yaml" };
        var output = new Option<string?>("--out") { Description = "Results folder (default: results/<experiment name>)" };
        var seed = new Option<ulong?>("--seed") { Description = "Root seed, overriding the file's 'seed'" };
        var perUser = new Option<bool>("--per-user")
        {
            Description = $"Also write one row per user and month to {UserMetricsTable.FileName}, overriding the file's 'per_user_output'",
        };
        var workers = Options.Workers();
        var command = new Command("run", "Run one experiment and write Parquet metrics, a manifest and plots.") { file, output, seed, workers, perUser };
        command.SetAction((parse, cancel) => ExitCodes.GuardAsync(async () =>
        {
            var threads = Options.CheckWorkers(parse.GetValue(workers));
            var config = ExperimentReader.Load(parse.GetValue(file)!);
            if (parse.GetValue(seed) is ulong s) config = config with { Seed = s };
            if (parse.GetValue(perUser)) config = config with { PerUserOutput = true };
            var folder = OutputFolder.Resolve(parse.GetValue(output), Path.Combine("results", config.Market.Name));
            var result = await ExperimentRunner.RunAsync(config, folder, threads, cancel).ConfigureAwait(false);
            Console.WriteLine($"run {ExperimentRunner.RunId(config)}: {result.Summary.Users} users, {result.Summary.Ticks} months, {result.Summary.Blocks} user blocks");
            Console.WriteLine($"metrics:  {result.MetricsFile} ({result.Rows.Rows.Count} rows)");
            if (result.UsersFile is not null) Console.WriteLine($"users:    {result.UsersFile} ({result.UserRows} rows)");
            if (result.Summary.Equilibrium is { } check)
            {
                // Whether the last month's fees are an equilibrium: each provider's best gain from changing its own fee alone.
                Console.WriteLine($"epsilon-Nash check, month {check.Tick}: epsilon {check.Epsilon:F2} per month"
                    + (result.Summary.NashResidual is double r ? $" (nash residual {r:F4})" : ""));
                foreach (var p in config.Market.Providers)
                    Console.WriteLine($"  {p.Name}: gain {check.Gains[p.Index]:F2} at fee {check.BestFees[p.Index]:F3}");
            }
            Console.WriteLine($"manifest: {result.ManifestFile}");
            Console.WriteLine($"plots:    {string.Join(", ", result.PlotFiles.Where(p => p.EndsWith(".png", StringComparison.Ordinal)))}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
