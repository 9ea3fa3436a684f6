namespace MarketSim.Experiments.Tests.Sweeps;

/// <summary>Small sweep files derived from the flagship example.</summary>
internal static class SweepFiles
{
    public static string Flagship { get; } = File.ReadAllText(Repository.File("experiments/flat-vs-performance.yaml"));

    /// <summary>The flagship shrunk to seconds: fewer users, months and replications.</summary>
    public static string Tiny(int replications = 2, int users = 1200, int ticks = 8)
        => Flagship.Replace("count: 10000", $"count: {users}")
            .Replace("ticks: 48", $"ticks: {ticks}")
            .Replace("block_size: 2500", "block_size: 500")
            .Replace("replications: 6", $"replications: {replications}");
}
