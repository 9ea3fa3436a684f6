using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MarketSim.Transport.Solver;
using MarketSim.Transport.Synthetic;

namespace MarketSim.Benchmarks;

/// <summary>
/// A warm transport solve per market tick: the synthetic access network (2 subflows per user, 10,000 links,
/// or one per 10 users when smaller, mixed controllers) is solved once cold in the setup; every measured invocation then changes each group's
/// count by up to +/-5% (a fresh draw per tick) and solves from the previous equilibrium.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class TransportWarmSolveBenchmarks
{
    private const int Links = 10_000;
    private const double CountChange = 0.05;

    private SyntheticNetwork network = null!;
    private FlowSolver solver = null!;
    private double[] counts = [];
    private double[] rates = [];
    private SplitMix64 ticks;

    /// <summary>Users (groups) in the network.</summary>
    [Params(1_000, 100_000, 1_000_000)]
    public int Users { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        this.network = SyntheticNetworks.AccessNetwork(Users, Math.Clamp(Users / 10, 2, Links), pathsPerUser: 2, seed: 1);
        this.solver = new FlowSolver(this.network.Network);
        this.counts = (double[])this.network.Counts.Clone();
        this.rates = new double[this.network.Network.PathCount];
        this.solver.Solve(this.counts, this.rates);
        this.ticks = new SplitMix64(42);
    }

    [IterationSetup]
    public void NextTick()
    {
        var baseCounts = this.network.Counts;
        for (var g = 0; g < this.counts.Length; g++)
        {
            this.counts[g] = baseCounts[g] * (1 + CountChange * (2 * this.ticks.NextDouble() - 1));
        }
    }

    [Benchmark(Description = "warm solve after a tick")]
    public SolveResult WarmSolve() => this.solver.Solve(this.counts, this.rates);
}
