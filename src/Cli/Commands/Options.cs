using System.CommandLine;
using MarketSim.Experiments.Config;

namespace MarketSim.Cli.Commands;

/// <summary>Options shared by several commands.</summary>
public static class Options
{
    /// <summary>--workers N: threads for the actors (results do not depend on it).</summary>
    public static Option<int> Workers() => new("--workers")
    {
        Description = "Worker threads for the actors (default: number of cores); results are identical for any value",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    /// <summary>Rejects a worker count below 1 as bad input.</summary>
    public static int CheckWorkers(int workers) => workers >= 1 && workers <= 1024
        ? workers
        : throw new ConfigException("command line", 0, "--workers", $"value {workers} is out of range; accepted: a whole number in [1, 1024]");
}
