using System.Reflection;

namespace MarketSim.Architecture.Tests;

/// <summary>The project's assemblies, found from one type each (a renamed or moved type breaks the build here, not silently).</summary>
internal static class Assemblies
{
    public static Assembly Transport => typeof(MarketSim.Transport.FlowNetwork).Assembly;

    public static Assembly Market => typeof(MarketSim.Market.MarketSpec).Assembly;

    public static Assembly Agents => typeof(MarketSim.Agents.Running.MarketRunner).Assembly;

    public static Assembly Experiments => typeof(MarketSim.Experiments.Config.ExperimentReader).Assembly;

    public static Assembly Reports => typeof(MarketSim.Reports.SweepReport).Assembly;

    public static Assembly Cluster => typeof(MarketSim.Cluster.ClusterSession).Assembly;

    public static Assembly Bench => typeof(MarketSim.Bench.MarketBenchmark).Assembly;

    public static Assembly Cli => typeof(MarketSim.Cli.Commands.BenchCommand).Assembly;

    public static IReadOnlyList<Assembly> All => [Transport, Market, Agents, Experiments, Reports, Cluster, Bench, Cli];
}
