using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MarketSim.Transport;
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

    private SyntheticNetwork _network = null!;
    private FlowSolver _solver = null!;
    private double[] _counts = [];
    private double[] _rates = [];
    private SplitMix64 _ticks;

    /// <summary>Users (groups) in the network.</summary>
    [Params(1_000, 100_000, 1_000_000)]
    public int Users { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _network = SyntheticNetworks.AccessNetwork(Users, Math.Clamp(Users / 10, 2, Links), pathsPerUser: 2, seed: 1);
        _solver = new FlowSolver(_network.Network);
        _counts = (double[])_network.Counts.Clone();
        _rates = new double[_network.Network.PathCount];
        _solver.Solve(_counts, _rates);
        _ticks = new SplitMix64(42);
    }

    [IterationSetup]
    public void NextTick()
    {
        var baseCounts = _network.Counts;
        for (var g = 0; g < _counts.Length; g++)
        {
            _counts[g] = baseCounts[g] * (1 + CountChange * (2 * _ticks.NextDouble() - 1));
        }
    }

    [Benchmark(Description = "warm solve after a tick")]
    public SolveResult WarmSolve() => _solver.Solve(_counts, _rates);
}
