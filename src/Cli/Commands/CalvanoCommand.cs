using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MarketSim.Experiments.Config;
using MarketSim.Market.Learning;
using MarketSim.Reports.Results;

namespace MarketSim.Cli.Commands;

/// <summary>
/// `marketsim calvano FILE [--seeds N]`: the Q-learning pricing game of Calvano et al. (2020) for several seeds,
/// printing the Nash and monopoly benchmarks, each run's convergence, mean price and profit gain, and the mean gain.
/// </summary>
public static class CalvanoCommand
{
    /// <summary>What a calvano file describes: the game's settings, the first seed and the number of replications.</summary>
    /// <param name="Settings">Demand and learning parameters.</param>
    /// <param name="Seed">Seed of the first replication; replication r uses Seed + r.</param>
    /// <param name="Replications">Number of independent runs.</param>
    public sealed record CalvanoFile(CalvanoSettings Settings, ulong Seed, int Replications);

    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var file = new Argument<string>("file") { Description = "Calvano game file (YAML), e.g. experiments/validation/calvano-qlearning.yaml" };
        var seeds = new Option<int?>("--seeds") { Description = "Number of seeds (replications), overriding the file's 'replications'" };
        var command = new Command("calvano", "Q-learning pricing game of Calvano et al. (2020): do learning firms price above Bertrand-Nash?") { file, seeds };
        command.SetAction((parse, cancel) => ExitCodes.GuardAsync(async () =>
        {
            var spec = Read(parse.GetValue(file)!);
            if (parse.GetValue(seeds) is int count)
            {
                if (count < 1 || count > 10_000)
                    throw new ConfigException("command line", 0, "--seeds", $"value {count} is out of range; accepted: a whole number in [1, 10000]");
                spec = spec with { Replications = count };
            }
            await RunAsync(spec, Console.Out, cancel).ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Reads and checks a calvano file; bad input throws <see cref="ConfigException"/> with file, line and key.</summary>
    public static CalvanoFile Read(string path)
    {
        var root = YamlFile.Load(path);
        var seed = root.Integer("seed", Bounds.NonNegative);
        var replications = root.Integer("replications", Bounds.Between(1, 10_000));

        var demand = root.Section("demand");
        var firms = demand.Integer("firms", Bounds.Between(2, 8));
        var quality = demand.Number("quality", Bounds.Any);
        var cost = demand.Number("cost", Bounds.Any);
        var outside = demand.Number("outside_quality", Bounds.Any);
        var mu = demand.Number("mu", Bounds.Positive);
        demand.RejectUnknownKeys();

        var learning = root.Section("learning");
        var prices = learning.Integer("prices", Bounds.Between(2, 1000));
        var xi = learning.Number("xi", Bounds.Between(0, 10));
        var alpha = learning.Number("alpha", Bounds.PositiveUnit);
        var delta = learning.Number("delta", new Bounds(0, true, 1, false));
        var beta = learning.Number("beta", Bounds.NonNegative);
        var window = learning.Integer("convergence_periods", Bounds.Between(1, 1_000_000_000), 100_000);
        var maxPeriods = learning.Integer("max_periods", Bounds.Between(1, 1_000_000_000), 5_000_000);
        learning.RejectUnknownKeys();
        root.RejectUnknownKeys();

        if (Math.Pow(prices, firms) > PriceGrid.MaxStates)
            throw learning.Error("prices", $"{prices} prices for {firms} firms give {prices}^{firms} states; at most {PriceGrid.MaxStates} are supported (fewer prices or firms)");

        var settings = new CalvanoSettings
        {
            Firms = firms,
            Quality = quality,
            Cost = cost,
            OutsideQuality = outside,
            Mu = mu,
            Prices = prices,
            Xi = xi,
            Learning = new QLearningParameters(alpha, delta, beta, window),
            MaxPeriods = maxPeriods,
        };
        return new CalvanoFile(settings, (ulong)seed, replications);
    }

    /// <summary>Plays every replication (in parallel, results in seed order) and prints the table and the mean profit gain.</summary>
    public static async Task RunAsync(CalvanoFile spec, TextWriter output, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(output);
        var s = spec.Settings;
        var demand = s.Demand();
        double nash = demand.NashPrices()[0], monopoly = demand.MonopolyPrices()[0];
        double nashProfit = demand.ProfitsAt(demand.NashPrices())[0], monopolyProfit = demand.ProfitsAt(demand.MonopolyPrices())[0];
        await output.WriteLineAsync(F($"Calvano et al. (2020) Q-learning pricing: n = {s.Firms}, a = {s.Quality}, c = {s.Cost}, a0 = {s.OutsideQuality}, mu = {s.Mu}; m = {s.Prices}, xi = {s.Xi}, alpha = {s.Learning.Alpha}, delta = {s.Learning.Delta}, beta = {s.Learning.Beta}; cap {s.MaxPeriods} periods")).ConfigureAwait(false);
        await output.WriteLineAsync(F($"p_N = {nash:F5} (profit {nashProfit:F5}), p_M = {monopoly:F5} (profit {monopolyProfit:F5})")).ConfigureAwait(false);
        await output.WriteLineAsync($"{"seed",10}  {"converged",9}  {"periods",10}  {"cycle",5}  {"mean price",10}  {"profit gain",11}  {"time",8}").ConfigureAwait(false);

        var n = spec.Replications;
        var done = new TaskCompletionSource<(CalvanoOutcome Outcome, TimeSpan Time)>[n];
        for (var r = 0; r < n; r++) done[r] = new(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancel };
        var work = Task.Run(() => Parallel.For(0, n, options, r =>
        {
            try
            {
                var clock = Stopwatch.StartNew();
                var outcome = CalvanoGame.Play(s, spec.Seed + (ulong)r);
                done[r].SetResult((outcome, clock.Elapsed));
            }
            catch (Exception e)
            {
                done[r].SetException(e);
                throw;
            }
        }), cancel);

        double gainSum = 0;
        var converged = 0;
        var total = Stopwatch.StartNew();
        for (var r = 0; r < n; r++)
        {
            var (o, time) = await done[r].Task.WaitAsync(cancel).ConfigureAwait(false);
            gainSum += o.ProfitGain;
            if (o.Converged) converged++;
            await output.WriteLineAsync(F($"{o.Seed,10}  {(o.Converged ? "yes" : "NO"),9}  {o.Periods,10}  {o.CycleLength,5}  {o.MeanPrice,10:F5}  {o.ProfitGain,11:F4}  {time.TotalSeconds,6:F2} s")).ConfigureAwait(false);
        }
        await work.ConfigureAwait(false);
        await output.WriteLineAsync(F($"mean profit gain over {n} seeds: {gainSum / n:F4} ({converged}/{n} converged; {total.Elapsed.TotalSeconds:F1} s)")).ConfigureAwait(false);
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
