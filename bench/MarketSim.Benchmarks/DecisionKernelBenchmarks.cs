using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MarketSim.Bench;
using MarketSim.Market;
using MarketSim.Market.Choice;
using MarketSim.Market.Network;
using MarketSim.Market.Population;
using MarketSim.Market.Providers;
using MarketSim.Market.Randomness;

namespace MarketSim.Benchmarks;

/// <summary>
/// The users' decision kernel alone, on one thread, on the `bench market` market (3 ISPs) with its solved month-0
/// throughput, 100,000 users over 200 or 20,000 locations: one month of contract reviews of a block of users (month table included: a
/// fresh month every invocation), the month table alone, and the choice step alone. Results are per user-month
/// (<see cref="UserMonth"/>), per table, and per option (<see cref="ChoiceStepPerOption"/>); the setup prints the mean
/// number of options per user, which turns the per-user-month figure into one per option.
/// Run: dotnet run -c Release --project bench/MarketSim.Benchmarks -- --filter '*DecisionKernel*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class DecisionKernelBenchmarks
{
    private const int Users = 100_000;
    private const int ChoiceWidth = 7;

    private MarketSpec spec = null!;
    private Market.Providers.MarketStructure structure = null!;
    private UserBlock block = null!;
    private ThroughputTable throughput = null!;
    private double[] fees = [];
    private int month;
    private double capableShare;
    private double[] utilities = [], alpha = [], uniform = [], logSum = [], weights = [];
    private int[] counts = [], chosen = [];

    /// <summary>Locations of the market: 200 is `bench market`'s 100k-user market, 20,000 its 10M-user market's (one per
    /// 500 users), whose month table no longer fits in the caches.</summary>
    [Params(200, 20_000)]
    public int Locations { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        spec = MarketBenchmark.Market(Users, 120) with { Locations = Locations };
        structure = spec.BuildStructure();
        // One block of every user in a run's order (by location, see UserPartition).
        var random = new CounterRandom(1);
        block = UserBlock.Create(structure, spec.Population, random, UserPartition.ByLocation(structure, random, Users, Users)[0]);
        var cells = new int[structure.CellCount];
        block.AddCellCounts(cells);
        throughput = new AccessNetwork(structure, spec.MultipathController, spec.Population.Activity).Solve(cells);
        fees = spec.Providers.Select(p => p.InitialPrice).ToArray();
        capableShare = spec.Population.MptcpShareAt(90);
        double options = 0;
        for (var i = 0; i < Users; i++) options += structure.Available(block.LocationOf(i), block.IsMptcpCapable(i, 90)).Length;
        Console.WriteLine(FormattableString.Invariant($"// mean options per user (month 90): {options / Users:F2}; locations {structure.Locations}"));
        // A chunk of the choice step: every user with ChoiceWidth options of spread utilities, a third reviewing.
        const int chunk = 256;
        random = new CounterRandom(3);
        utilities = new double[chunk * ChoiceWidth];
        for (var x = 0; x < utilities.Length; x++) utilities[x] = 30 * random.Uniform(RandomStream.Choice, x, 0) - 10;
        counts = Enumerable.Repeat(ChoiceWidth, chunk).ToArray();
        alpha = Enumerable.Range(0, chunk).Select(j => 0.1 + 0.4 * random.Uniform(RandomStream.PriceSensitivity, j, 0)).ToArray();
        uniform = Enumerable.Range(0, chunk).Select(j => j % 3 == 0 ? random.Uniform(RandomStream.Review, j, 0) : double.NaN).ToArray();
        chosen = new int[chunk];
        logSum = new double[chunk];
        weights = new double[LogitKernel.ScratchLength(chunk, ChoiceWidth)];
    }

    /// <summary>One month of every user's review: table, utilities, exps, choices and the block's tallies. Months only
    /// move forward, as in a run (new draws each month), at month 90's share of MPTCP-capable devices: until 2026-12-03
    /// the months wrapped from 119 back to 60, so the capable share fell and some users held what their device could
    /// no longer buy, a path a run never takes that often.</summary>
    [Benchmark(OperationsPerInvoke = Users)]
    public BlockOutcome UserMonth() => block.Review(new MarketView(60 + month++, fees, throughput, MptcpCapableShare: capableShare));

    /// <summary>Building one month's table (per location, device, portfolio held and option).</summary>
    [Benchmark]
    public MonthUtilityTable MonthTable() => MonthUtilityTable.Build(structure, spec.Population, new MarketView(60, fees, throughput));

    /// <summary>The choice step for 256 users of 7 options each, per option.</summary>
    [Benchmark(OperationsPerInvoke = 256 * ChoiceWidth)]
    public int ChoiceStepPerOption()
    {
        LogitKernel.Decide(utilities, ChoiceWidth, counts, alpha, uniform, chosen, logSum, weights);
        return chosen[0];
    }
}
