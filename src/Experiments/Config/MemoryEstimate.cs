using System.Globalization;
using MarketSim.Market;
using MarketSim.Market.Providers;
using MarketSim.Reports.Results;

namespace MarketSim.Experiments.Config;

/// <summary>
/// A rough upper estimate of the memory one run needs, so validation can refuse a file that cannot fit before it
/// allocates: the users' arrays, the (location x portfolio) cells the transport solves, and the Q tables of learning
/// providers (states x prices each). The per-item sizes are measured, rounded up: `bench market` peaks at 379 MB for
/// 1M users (about 300 bytes a user); a cell holds its paths' counts, rates and solver state.
/// </summary>
public static class MemoryEstimate
{
    /// <summary>Bytes per user (state arrays, traits, decision scratch), rounded up from `bench market`.</summary>
    public const long BytesPerUser = 320;

    /// <summary>Bytes per (location, portfolio) cell (counts, rates, transport group state).</summary>
    public const long BytesPerCell = 256;

    /// <summary>Fixed cost of the runtime and the actor system.</summary>
    public const long BaseBytes = 80L << 20;

    /// <summary>Estimated peak bytes of one run of <paramref name="market"/>.</summary>
    public static double Bytes(MarketSpec market, bool perUserOutput)
    {
        ArgumentNullException.ThrowIfNull(market);
        var providers = market.Providers.Count;
        // Upper bound of the portfolio catalogue: nothing, one plan, or two plans pooled.
        var portfolios = 1 + providers + providers * (providers - 1) / 2.0;
        var bytes = BaseBytes
            + (double)market.Population.Users * (BytesPerUser + (perUserOutput ? 48 : 0))
            + (double)market.Locations * portfolios * BytesPerCell;
        foreach (var p in market.Providers)
        {
            if (p.Pricing is not PricingRule.QLearning q) continue;
            var states = Math.Pow(q.Prices, providers);
            // Q values (states x prices doubles), the greedy action per state, and the logit payoff table.
            bytes += states * q.Prices * 8 + states * 4 + states * providers * 8;
        }
        return bytes;
    }

    /// <summary>Memory this process may use (the container's limit when there is one).</summary>
    public static double AvailableBytes => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>Throws when the estimate exceeds <see cref="InputLimits.MemoryShare"/> of the available memory.</summary>
    public static void Check(YamlSection root, MarketSpec market, bool perUserOutput)
    {
        ArgumentNullException.ThrowIfNull(root);
        var need = Bytes(market, perUserOutput);
        var limit = AvailableBytes * InputLimits.MemoryShare;
        if (need <= limit) return;
        throw new ConfigException(root.File, 0, null, string.Create(CultureInfo.InvariantCulture,
            $"one run would need about {need / (1 << 20):F0} MiB ({market.Population.Users} users x {BytesPerUser} B, {market.Locations} locations x portfolios x {BytesPerCell} B, Q tables of learning providers) " +
            $"but {limit / (1 << 20):F0} MiB is available (limit: memory, {InputLimits.MemoryShare:P0} of this machine's); accepted: fewer users, locations or prices"));
    }

    /// <summary>Throws when <paramref name="concurrent"/> runs of the largest estimate, in flight together (a sweep's
    /// workers), would not fit; <paramref name="perRun"/> is that estimate in bytes.</summary>
    public static void CheckConcurrent(string file, double perRun, int concurrent)
    {
        var limit = AvailableBytes * InputLimits.MemoryShare;
        if (perRun * concurrent <= limit) return;
        var fits = (int)Math.Max(1, Math.Floor(limit / perRun));
        throw new ConfigException(file, 0, "--workers", string.Create(CultureInfo.InvariantCulture,
            $"{concurrent} runs at a time would need about {perRun * concurrent / (1 << 20):F0} MiB ({perRun / (1 << 20):F0} MiB each) " +
            $"but {limit / (1 << 20):F0} MiB is available (limit: memory); accepted: --workers {fits} or fewer"));
    }
}
