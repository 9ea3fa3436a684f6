using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MarketSim.Bench;
using MarketSim.Market.Providers;
using MarketSim.Market.Network;
using MarketSim.Market.Population;
using MarketSim.Market.Pricing;
using MarketSim.Market.Randomness;

namespace MarketSim.Benchmarks;

/// <summary>
/// The demand oracle alone (all cores, as runs use it) on the `bench market` market with 100,000 users and its solved
/// month-0 throughput: one evaluation of a batch of candidate fee vectors, each a unilateral change of one provider's fee
/// (what best responses and the equilibrium check ask), reported per user (divide by the candidates for a figure per user
/// and candidate; BenchmarkDotNet needs a constant count of operations). 3 candidates is a Newton step
/// of the fee search with finite differences, 26 a provider's grid in the closing check. <see cref="SlopesPerUser"/> is a
/// month's analytic Newton step for every firm: each of the first min(3, Candidates) candidates with its provider's own
/// fee as direction (profit, slope and curvature); <see cref="SettledSlopesPerUser"/> the same step of a settled month,
/// whose firms all probe today's fees (one elimination per user for all directions). The month's fee-free state is kept
/// between invocations, as within a month of pricing.
/// Run: dotnet run -c Release --project bench/MarketSim.Benchmarks -- --filter '*DemandOracle*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class DemandOracleBenchmarks
{
    private const int Users = 100_000;

    private DemandOracle oracle = null!;
    private ThroughputTable throughput = null!;
    private List<IReadOnlyList<double>> candidates = [];
    private List<IReadOnlyList<double>> firmSteps = [];
    private List<IReadOnlyList<double>> firmDirections = [];
    private List<IReadOnlyList<double>> settledSteps = [];

    /// <summary>Candidate fee vectors per evaluation.</summary>
    [Params(3, 26)]
    public int Candidates { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var spec = MarketBenchmark.Market(Users, 120);
        var structure = spec.BuildStructure();
        var random = new CounterRandom(1);
        var block = UserBlock.Create(structure, spec.Population, random, 0, Users);
        var cells = new int[structure.CellCount];
        block.AddCellCounts(cells);
        throughput = new AccessNetwork(structure, spec.MultipathController, spec.Population.Activity).Solve(cells);
        oracle = new DemandOracle(structure, spec.Population, DemandPopulation.Draw(structure, spec.Population, random));
        var fees = spec.Providers.Select(p => p.InitialPrice).ToArray();
        candidates = Enumerable.Range(0, Candidates).Select(g =>
        {
            var x = fees.ToArray();
            x[0] *= 0.5 + (1.5 * g / Math.Max(1, Candidates - 1));
            return (IReadOnlyList<double>)x;
        }).ToList();
        // One Newton step per firm: provider p's own fee moved from its starting fee, others held.
        var firms = Math.Min(3, Candidates);
        firmSteps = Enumerable.Range(0, firms).Select(p => (IReadOnlyList<double>)fees.Select((f, q) => q == p ? f * 1.05 : f).ToArray()).ToList();
        firmDirections = Enumerable.Range(0, firms).Select(p => (IReadOnlyList<double>)fees.Select((_, q) => q == p ? 1.0 : 0).ToArray()).ToList();
        settledSteps = Enumerable.Range(0, firms).Select(_ => (IReadOnlyList<double>)fees).ToList();
        oracle.Evaluate(1, throughput, candidates); // prepares the month
    }

    /// <summary>One evaluation of the batch, per user.</summary>
    [Benchmark(OperationsPerInvoke = Users)]
    public ProviderExpectation[][] EvaluatePerUser() => oracle.Evaluate(1, throughput, candidates);

    /// <summary>Every firm's analytic Newton step of a month in one pass (profit, slope, curvature), per user.</summary>
    [Benchmark(OperationsPerInvoke = Users)]
    public ProfitSlope[][] SlopesPerUser() => oracle.EvaluateSlopes(1, throughput, firmSteps, firmDirections);

    /// <summary>A settled month's Newton step for every firm: one fee vector along each firm's own fee, per user.</summary>
    [Benchmark(OperationsPerInvoke = Users)]
    public ProfitSlope[][] SettledSlopesPerUser() => oracle.EvaluateSlopes(1, throughput, settledSteps, firmDirections);
}
