using System.Diagnostics;
using MarketSim.Transport.Solver;
using MarketSim.Transport.Synthetic;

namespace MarketSim.Transport.Benchmarking;

/// <summary>
/// Times warm solves of the synthetic access network (<see cref="SyntheticNetworks.AccessNetwork"/>) the
/// way the market uses the solver: one topology, solved every tick with slightly changed group counts.
/// No I/O: the caller prints the returned record.
/// </summary>
public static class TransportBenchmark
{
    /// <summary>Builds each network, solves it cold, warms up, then times repeated warm solves.</summary>
    /// <param name="userCounts">Network sizes in users (2 subflows each), e.g. 1,000 / 100,000 / 1,000,000.</param>
    /// <param name="links">Links per network (fewer for small networks: at most one link per 10 users).</param>
    /// <param name="ticks">Timed warm solves per size.</param>
    /// <param name="warmupTicks">Untimed warm solves first (JIT, caches).</param>
    /// <param name="countChange">Each tick every group's count is its base count times (1 + u), u uniform in +/- this.</param>
    /// <param name="seed">Seed of the networks and of the count changes.</param>
    /// <param name="options">Solver settings, <see cref="SolverOptions.Default"/> when null.</param>
    /// <returns>Median, min and max seconds per warm solve, iterations, and the 1M/100k ratio.</returns>
    public static TransportBenchmarkResult Run(
        IReadOnlyList<int> userCounts, int links = 10_000, int ticks = 7, int warmupTicks = 2,
        double countChange = 0.05, ulong seed = 1, SolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(userCounts);
        ArgumentOutOfRangeException.ThrowIfLessThan(ticks, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(warmupTicks);
        if (!(countChange >= 0 && countChange < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(countChange), countChange, "countChange must be in [0, 1).");
        }

        options ??= SolverOptions.Default;
        var cases = new List<TransportBenchmarkCase>();
        foreach (var users in userCounts)
        {
            // Below 10 users per link the network falls apart into isolated users, which is not the regime the
            // benchmark is about (and where single multipath users make Newton walk cliffs): keep >= 10 per link.
            cases.Add(RunCase(users, Math.Clamp(users / 10, 2, links), ticks, warmupTicks, countChange, seed, options));
        }

        double? ratio = null;
        var million = cases.FirstOrDefault(c => c.Users == 1_000_000);
        var hundredThousand = cases.FirstOrDefault(c => c.Users == 100_000);
        if (million != null && hundredThousand != null && hundredThousand.MedianSeconds > 0)
        {
            ratio = million.MedianSeconds / hundredThousand.MedianSeconds;
        }

        return new TransportBenchmarkResult(cases, ticks, countChange, options.MaxDegreeOfParallelism, ratio);
    }

    private static TransportBenchmarkCase RunCase(
        int users, int links, int ticks, int warmupTicks, double countChange, ulong seed, SolverOptions options)
    {
        var clock = Stopwatch.StartNew();
        var synthetic = SyntheticNetworks.AccessNetwork(users, links, pathsPerUser: 2, seed);
        var solver = new FlowSolver(synthetic.Network, options);
        var setup = clock.Elapsed.TotalSeconds;
        var rates = new double[synthetic.Network.PathCount];
        var counts = (double[])synthetic.Counts.Clone();

        clock.Restart();
        solver.Solve(counts, rates);
        var cold = clock.Elapsed.TotalSeconds;

        var rng = new SplitMix64(seed ^ 0x5EED_0F_71C5UL);
        for (var tick = 0; tick < warmupTicks; tick++)
        {
            NextTick(synthetic.Counts, counts, countChange, ref rng);
            solver.Solve(counts, rates);
        }

        var seconds = new double[ticks];
        var iterations = new double[ticks];
        var evaluations = new double[ticks];
        for (var tick = 0; tick < ticks; tick++)
        {
            NextTick(synthetic.Counts, counts, countChange, ref rng);
            clock.Restart();
            var result = solver.Solve(counts, rates);
            seconds[tick] = clock.Elapsed.TotalSeconds;
            iterations[tick] = result.Iterations;
            evaluations[tick] = result.Evaluations;
        }

        return new TransportBenchmarkCase(
            users, synthetic.Network.LinkCount, synthetic.Network.PathCount, setup, cold,
            Median(seconds), seconds.Min(), seconds.Max(), Median(iterations), Median(evaluations));
    }

    // A market tick: every group's count moves by a small random factor around its base.
    private static void NextTick(double[] baseCounts, double[] counts, double change, ref SplitMix64 rng)
    {
        for (var g = 0; g < counts.Length; g++)
        {
            counts[g] = baseCounts[g] * (1 + change * (2 * rng.NextDouble() - 1));
        }
    }

    private static double Median(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
    }
}
