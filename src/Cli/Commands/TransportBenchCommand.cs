using System.CommandLine;
using System.Globalization;
using MarketSim.Bench;
using MarketSim.Reports.Results;
using MarketSim.Transport.Benchmarking;

namespace MarketSim.Cli.Commands;

/// <summary>`marketsim bench transport`: warm-solve time and iterations of synthetic access networks.</summary>
public static class TransportBenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var users = new Option<string>("--users") { Description = "Comma-separated user counts (2 subflows each)", DefaultValueFactory = _ => "1000,100000,1000000" };
        var links = new Option<int>("--links") { Description = "Links per network (at most one per 10 users)", DefaultValueFactory = _ => 10_000 };
        var ticks = new Option<int>("--ticks") { Description = "Timed warm solves per size (the median is reported)", DefaultValueFactory = _ => 7 };
        var command = new Command("transport", "Time warm transport solves of 1k, 100k and 1M users over 10k links; reports the 1M/100k ratio.") { users, links, ticks };
        command.SetAction((parse, _) => ExitCodes.GuardAsync(() =>
        {
            var sizes = parse.GetValue(users)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 10 ? n
                    : throw new ConfigException("command line", 0, "--users", $"'{s}' is not accepted; accepted: comma-separated whole numbers >= 10"))
                .ToArray();
            var linkCount = parse.GetValue(links) >= 2 ? parse.GetValue(links)
                : throw new ConfigException("command line", 0, "--links", $"value {parse.GetValue(links)} is out of range; accepted: a whole number >= 2");
            var timed = parse.GetValue(ticks) >= 1 ? parse.GetValue(ticks)
                : throw new ConfigException("command line", 0, "--ticks", $"value {parse.GetValue(ticks)} is out of range; accepted: a whole number >= 1");
            Console.WriteLine($"machine:  {MachineInfo.Current()}");
            var result = TransportBenchmark.Run(sizes, linkCount, timed);
            Console.WriteLine($"settings: {result.TicksPerCase} timed warm solves per size after 2 warm-up solves, counts change +/-{result.CountChange:P0} per solve, {result.Threads} threads; median reported");
            Console.WriteLine($"{"users",10} {"links",7} {"paths",9} {"setup s",8} {"cold s",8} {"warm median s",14} {"min s",8} {"max s",8} {"iterations",11} {"evaluations",12}");
            foreach (var c in result.Cases)
            {
                Console.WriteLine(FormattableString.Invariant(
                    $"{c.Users,10} {c.Links,7} {c.Paths,9} {c.SetupSeconds,8:F3} {c.ColdSolveSeconds,8:F3} {c.MedianSeconds,14:F4} {c.MinSeconds,8:F4} {c.MaxSeconds,8:F4} {c.MedianIterations,11:F1} {c.MedianEvaluations,12:F1}"));
            }
            if (result.MillionToHundredThousandRatio is double ratio)
                Console.WriteLine(FormattableString.Invariant($"warm solve time 1M / 100k users: {ratio:F2} (10 = linear)"));
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }
}
