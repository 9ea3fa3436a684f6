namespace MarketSim.Transport.Benchmarking;

/// <summary>Timings of repeated warm solves of one synthetic network size.</summary>
/// <param name="Users">Users (groups) in the network.</param>
/// <param name="Links">Links in the network.</param>
/// <param name="Paths">Subflows (paths) in the network.</param>
/// <param name="SetupSeconds">Building the network and the solver (pattern, buffers).</param>
/// <param name="ColdSolveSeconds">The first (cold) solve.</param>
/// <param name="MedianSeconds">Median wall time of one warm solve.</param>
/// <param name="MinSeconds">Fastest warm solve.</param>
/// <param name="MaxSeconds">Slowest warm solve.</param>
/// <param name="MedianIterations">Median Newton iterations of a warm solve.</param>
/// <param name="MedianEvaluations">Median passes over all groups of a warm solve.</param>
public sealed record TransportBenchmarkCase(
    int Users, int Links, int Paths, double SetupSeconds, double ColdSolveSeconds,
    double MedianSeconds, double MinSeconds, double MaxSeconds, double MedianIterations, double MedianEvaluations);

/// <summary>Outcome of <see cref="TransportBenchmark.Run"/>.</summary>
/// <param name="Cases">One entry per user count, in the order asked.</param>
/// <param name="TicksPerCase">Timed warm solves per case.</param>
/// <param name="CountChange">Relative change of every group's count from one tick to the next (uniform +/-).</param>
/// <param name="Threads">Worker threads the solver used.</param>
/// <param name="MillionToHundredThousandRatio">
/// Median warm time at 1,000,000 users over that at 100,000 (10 for exactly linear growth); null unless both
/// sizes were run.
/// </param>
public sealed record TransportBenchmarkResult(
    IReadOnlyList<TransportBenchmarkCase> Cases, int TicksPerCase, double CountChange, int Threads,
    double? MillionToHundredThousandRatio);
