using System.CommandLine;
using System.Globalization;
using MarketSim.Bench;
using MarketSim.Experiments.Output;
using MarketSim.Reports.Results;

namespace MarketSim.Cli.Commands;

/// <summary>`marketsim bench market|transport`: measured speed, with warm-up, medians and the machine printed.</summary>
public static class BenchCommand
{
    /// <summary>Builds the command and its subcommands.</summary>
    public static Command Build()
    {
        var command = new Command("bench", "Measure speed: whole market runs (user-ticks per second, memory, time split) or transport solves.");
        command.Subcommands.Add(Market());
        command.Subcommands.Add(TransportBenchCommand.Build());
        return command;
    }

    private static Command Market()
    {
        var users = new Option<string>("--users") { Description = "Comma-separated user counts", DefaultValueFactory = _ => "10000,100000,1000000" };
        var ticks = new Option<int>("--ticks") { Description = "Months per run", DefaultValueFactory = _ => 120 };
        var repeats = new Option<int>("--repeats") { Description = "Timed runs per size (after one warm-up run); the median is reported", DefaultValueFactory = _ => 3 };
        var blockSize = new Option<int>("--block-size") { Description = "Users per end-user actor", DefaultValueFactory = _ => 10_000 };
        var naive = new Option<int?>("--naive-users") { Description = "Also time this many users with block size 1 (one actor per user) as the naive baseline" };
        var naiveTicks = new Option<int>("--naive-ticks") { Description = "Months of the naive baseline run", DefaultValueFactory = _ => 20 };
        var oracleMax = new Option<int>("--oracle-max-users")
        {
            Description = "Time the demand oracle only at sizes up to this many users (its full-population evaluations dominate beyond)",
            DefaultValueFactory = _ => 1_000_000,
        };
        var workers = Options.Workers();
        var command = new Command("market", "Time whole market runs at growing sizes: user-ticks/s, peak memory, time per phase.")
        {
            users, ticks, repeats, blockSize, naive, naiveTicks, oracleMax, workers,
        };
        command.SetAction((parse, _) => ExitCodes.GuardAsync(async () =>
        {
            var threads = Options.CheckWorkers(parse.GetValue(workers));
            var sizes = ParseSizes(parse.GetValue(users)!);
            int t = Positive(parse.GetValue(ticks), "--ticks"), r = Positive(parse.GetValue(repeats), "--repeats"), b = Positive(parse.GetValue(blockSize), "--block-size");
            Console.WriteLine($"machine:  {MachineInfo.Current()}");
            Console.WriteLine($"settings: {t} months per run, {r} timed runs after 1 warm-up run, block size {b}, {threads} worker threads; median reported");
            Console.WriteLine($"{"users",10} {"block",7} {"median s",9} {"min s",7} {"max s",7} {"user-ticks/s",13} {"months u-t/s",13} {"us/user-tick",13} {"peak MB",8} " +
                              $"{"decide s",9} {"(cpu s)",8} {"transport s",12} {"settle s",9} {"check s",8} {"other s",8} {"output s",9} {"gc pause s",11} {"gen2",5}");
            var results = new List<MarketBenchmarkResult>();
            foreach (var n in sizes)
            {
                var result = await MarketBenchmark.MeasureAsync(n, t, b, r, threads, WriteParquet).ConfigureAwait(false);
                results.Add(result);
                Print(result);
            }
            if (parse.GetValue(naive) is int naiveUsers)
            {
                var nt = Positive(parse.GetValue(naiveTicks), "--naive-ticks");
                var blocked = await MarketBenchmark.MeasureAsync(naiveUsers, nt, b, 1, threads, warmupTicks: 3).ConfigureAwait(false);
                var perUser = await MarketBenchmark.MeasureAsync(naiveUsers, nt, 1, 1, threads, warmupTicks: 3).ConfigureAwait(false);
                Print(blocked);
                Print(perUser);
                Console.WriteLine(FormattableString.Invariant(
                    $"naive baseline: {naiveUsers} users x {nt} months, one actor per user is {perUser.MedianSeconds / blocked.MedianSeconds:F1}x slower than blocks of {b}"));
            }
            var oracleUsers = Positive(parse.GetValue(oracleMax), "--oracle-max-users");
            foreach (var n in sizes)
            {
                if (n > oracleUsers)
                {
                    Console.WriteLine(FormattableString.Invariant($"oracle {n} users: not timed (above --oracle-max-users {oracleUsers})"));
                    continue;
                }
                // The demand oracle's cost next to ordinary decisions (README figure; the goal is <= 3 months of decisions).
                var o = OracleBenchmark.Measure(n, Math.Max(2, t));
                Console.WriteLine(FormattableString.Invariant(
                    $"oracle {n} users: a month of decisions {o.DecisionMonth:F3} s; a month of best responses for every provider {o.ColdBestResponses:F3} s from the starting fees ")
                    + FormattableString.Invariant(
                    $"({o.ColdBestResponses / o.DecisionMonth:F1} months of decisions), {o.WarmBestResponses:F3} s the next month, every rival having jumped to its best response ({o.WarmBestResponses / o.DecisionMonth:F1} months); ")
                    + FormattableString.Invariant(
                    $"in a run's price path (months 2-{o.RunMonths.Count + 1}, step 0.25, throughput held; each month's decisions timed alongside, median ")
                    + FormattableString.Invariant(
                    $"{o.RunDecisionMedian:F4} s) median {o.RunMonthMedian:F4} s, {o.RunRatioMedian:F2} months of decisions (median of the monthly ratios), ")
                    + FormattableString.Invariant($"mean {o.RunMonthMean:F4} s ({o.RunRatioOfMeans:F2} months, ratio of means); ")
                    + FormattableString.Invariant($"closing equilibrium check {o.EquilibriumCheck:F3} s")
                    + FormattableString.Invariant(
                    $"; CPU s: decisions {o.Cpu[0]:F3}, best responses {o.Cpu[1]:F3} cold ({o.Cpu[1] / o.Cpu[0]:F1} months) and {o.Cpu[2]:F3} warm ({o.Cpu[2] / o.Cpu[0]:F1} months), check {o.Cpu[3]:F3}"));
            }
            if (results.Count >= 2)
            {
                var (small, large) = (results[^2], results[^1]);
                Console.WriteLine(FormattableString.Invariant(
                    $"time per user-tick grows {large.MicrosecondsPerUserTick / small.MicrosecondsPerUserTick:F2}x from {small.Users} to {large.Users} users"));
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    private static async Task WriteParquet(Agents.Running.MemorySink sink, Market.MarketSpec spec)
    {
        var file = Path.Combine(Path.GetTempPath(), $"marketsim-bench-{Environment.ProcessId}.parquet");
        await MarketMetricsTable.WriteAsync(file, new RunIdentity("bench", 1, 0, "base", 0), spec.Providers, sink).ConfigureAwait(false);
        File.Delete(file);
    }

    private static void Print(MarketBenchmarkResult r)
    {
        var p = r.Phases;
        Console.WriteLine(
            FormattableString.Invariant($"{r.Users,10} {r.BlockSize,7} {r.MedianSeconds,9:F3} {r.MinSeconds,7:F3} {r.MaxSeconds,7:F3} {r.UserTicksPerSecond,13:N0} {r.MonthsUserTicksPerSecond,13:N0} ")
            + FormattableString.Invariant($"{r.MicrosecondsPerUserTick,13:F3} {r.PeakWorkingSetBytes / 1048576.0,8:F0} {p.DecisionSeconds,9:F3} {p.DecisionCpuSeconds,8:F3} ")
            + FormattableString.Invariant($"{p.TransportSeconds,12:F3} {p.SettleSeconds,9:F3} {p.CheckSeconds,8:F3} {p.OtherSeconds,8:F3} {r.OutputSeconds,9:F3} ")
            + FormattableString.Invariant($"{r.GcPauseSeconds,11:F3} {r.Gen2Collections,5}"));
    }

    private static int[] ParseSizes(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var sizes = new List<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < 1)
                throw new ConfigException("command line", 0, "--users", $"'{part}' is not accepted; accepted: comma-separated whole numbers >= 1");
            sizes.Add(n);
        }
        return sizes.Count > 0 ? [.. sizes] : throw new ConfigException("command line", 0, "--users", "no sizes given; accepted: e.g. 10000,100000");
    }

    private static int Positive(int value, string option) => value >= 1
        ? value
        : throw new ConfigException("command line", 0, option, $"value {value} is out of range; accepted: a whole number >= 1");
}
