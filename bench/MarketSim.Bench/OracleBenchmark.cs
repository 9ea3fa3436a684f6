using System.Diagnostics;
using MarketSim.Market.Choice;
using MarketSim.Market.Network;
using MarketSim.Market.Population;
using MarketSim.Market.Pricing;
using MarketSim.Market.Providers;
using MarketSim.Market.Randomness;

namespace MarketSim.Bench;

/// <summary>What the demand oracle costs next to the users' ordinary decisions, seconds (wall, all cores), with the
/// process's CPU seconds of each (less sensitive to other jobs on a shared machine).</summary>
/// <param name="Users">End users.</param>
/// <param name="DecisionMonth">One month of every user's contract review (what a run does each month).</param>
/// <param name="ColdBestResponses">One month of best responses for every provider from the starting fees.</param>
/// <param name="WarmBestResponses">The next month's best responses, starting from the fees the first month reached.</param>
/// <param name="EquilibriumCheck">The closing epsilon-Nash check of a run.</param>
/// <param name="Cpu">CPU seconds of the same four, in the same order.</param>
/// <param name="RunMonths">A month of best responses for every provider in a run's price path, months 2 to the run's
/// last (month 1 is the cold start), each month's seconds in order.</param>
/// <param name="RunDecisions">The month of decisions timed just before each of <see cref="RunMonths"/>, seconds.</param>
public sealed record OracleBenchmarkResult(int Users, double DecisionMonth, double ColdBestResponses, double WarmBestResponses, double EquilibriumCheck,
    IReadOnlyList<double> Cpu, IReadOnlyList<double> RunMonths, IReadOnlyList<double> RunDecisions)
{
    /// <summary>Median of <see cref="RunMonths"/>, seconds.</summary>
    public double RunMonthMedian => Median(RunMonths);

    /// <summary>Mean of <see cref="RunMonths"/>, seconds.</summary>
    public double RunMonthMean => RunMonths.Average();

    /// <summary>Median of <see cref="RunDecisions"/>, seconds.</summary>
    public double RunDecisionMedian => Median(RunDecisions);

    /// <summary>Median over the run's months of best responses ÷ the same month's decisions.</summary>
    public double RunRatioMedian => Median(RunMonths.Zip(RunDecisions, (a, b) => a / b).ToList());

    /// <summary>Mean best responses ÷ mean decisions over the run's months.</summary>
    public double RunRatioOfMeans => RunMonths.Average() / RunDecisions.Average();

    private static double Median(IReadOnlyList<double> values) => values.Order().ElementAt(values.Count / 2);
}

/// <summary>
/// Times the demand oracle on the benchmark market (<see cref="MarketBenchmark.Market"/> with every provider on
/// best_response) against a month of ordinary decisions of the same users, both on all cores, after a warm-up of each.
/// </summary>
public static class OracleBenchmark
{

    /// <summary>Measures one size; the run's price path has <paramref name="months"/> months.</summary>
    public static OracleBenchmarkResult Measure(int users, int months = 120)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 2);
        var spec = MarketBenchmark.Market(users, 3);
        spec = spec with { Providers = spec.Providers.Select(p => p with { Pricing = new PricingRule.BestResponse(0.25, 0, 80) }).ToArray() };
        var structure = spec.BuildStructure();
        var random = new CounterRandom(1);
        const int blockSize = 10_000;
        // Blocks by location, as a run makes them (neighbours read the same rows of the month's table).
        var blocks = UserPartition.ByLocation(structure, random, users, blockSize).Select(ids => UserBlock.Create(structure, spec.Population, random, ids)).ToArray();
        var cells = new int[structure.CellCount];
        foreach (var block in blocks) block.AddCellCounts(cells);
        var throughput = new AccessNetwork(structure, spec.MultipathController, spec.Population.Activity, mobility: spec.Population.Mobility).Solve(cells);
        var fees = spec.Providers.Select(p => p.InitialPrice).ToArray();

        var cpu = new double[4];
        double Decide(int month) => Time(() => Parallel.ForEach(blocks, block => block.Review(new MarketView(month, fees, throughput))), cpu, 0);
        Decide(1); // warm-up
        cpu[0] = 0;
        var decisions = (Decide(2) + Decide(3) + Decide(4)) / 3;
        cpu[0] /= 3;

        var warmup = new OraclePricing(spec, 1);
        foreach (var p in spec.Providers) warmup.BestResponse(p.Index, 1, throughput, fees);
        var pricing = new OraclePricing(spec, 1);
        _ = pricing.Oracle; // users drawn once per run, not per month
        var reached = fees.ToArray();
        var cold = Time(() =>
        {
            foreach (var p in spec.Providers) reached[p.Index] = pricing.BestResponse(p.Index, 1, throughput, fees)[p.Index];
        }, cpu, 1);
        var warm = Time(() =>
        {
            foreach (var p in spec.Providers) pricing.BestResponse(p.Index, 2, throughput, reached);
        }, cpu, 2);
        var check = Time(() => pricing.Check(2, throughput, reached), cpu, 3);

        // The price path of a run: every month the users review their contracts at the month's fees (a month of
        // decisions, timed), then each provider asks for its best response to those fees and moves its rule's step of the
        // way there (as OraclePriceSetter does; timed). The throughput table is held (a settled network). Timing the two
        // side by side each month keeps the ratio fair on a machine whose speed drifts.
        var run = new OraclePricing(spec, 1);
        _ = run.Oracle;
        var path = fees.ToArray();
        var runMonths = new List<double>();
        var runDecisions = new List<double>();
        for (var month = 1; month <= months; month++)
        {
            var at = path.ToArray();
            var decided = Time(() => Parallel.ForEach(blocks, block => block.Review(new MarketView(month, at, throughput))), new double[1], 0);
            var targets = new double[path.Length];
            var seconds = Time(() =>
            {
                foreach (var p in spec.Providers) targets[p.Index] = run.BestResponse(p.Index, month, throughput, at)[p.Index];
            }, new double[1], 0);
            if (month > 1)
            {
                // Month 1 is the cold start, timed above.
                runMonths.Add(seconds);
                runDecisions.Add(decided);
            }
            foreach (var p in spec.Providers) path[p.Index] += ((PricingRule.BestResponse)p.Pricing).Step * (targets[p.Index] - path[p.Index]);
        }
        return new OracleBenchmarkResult(users, decisions, cold, warm, check, cpu, runMonths, runDecisions);
    }

    /// <summary>Wall seconds of <paramref name="action"/>; adds its process CPU seconds to <paramref name="cpu"/>[<paramref name="slot"/>].</summary>
    private static double Time(Action action, double[] cpu, int slot)
    {
        using var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        action();
        var wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        cpu[slot] += (process.TotalProcessorTime - before).TotalSeconds;
        return wall;
    }
}
