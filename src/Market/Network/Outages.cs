using MarketSim.Market.Providers;
using MarketSim.Market.Randomness;

namespace MarketSim.Market.Network;

/// <summary>
/// Network failures. Each month an ISP whose network can fail (<see cref="ProviderSpec.CanFail"/>) fails in a location
/// with its configured probability (one draw per location, or one for the whole network when it fails network-wide),
/// for its configured number of hours, starting at a uniformly drawn hour of the month. The month is treated as a
/// circle (an outage that starts late wraps round to the start), so every hour is out with probability exactly
/// p × hours / <see cref="HoursPerMonth"/> and independent networks overlap, on average, by the product of those
/// chances: the expected downtime of a portfolio, the hours a month when every access it uses is out at once, is
/// H × Π over its distinct accesses (p_a d_a / H) (<see cref="MarketStructure.ExpectedDowntimeHours"/>). A single-homed user of a failed network is without service for the
/// outage; a multipath user keeps the paths of its other access. Draws are keyed by (seed, provider, location, month),
/// so they do not depend on block size or worker count, and paired runs see the same outages.
/// </summary>
public static class Outages
{
    /// <summary>Hours in a month (365 × 24 / 12), the circle outages are drawn on.</summary>
    public const double HoursPerMonth = IspSpec.HoursPerMonth;

    /// <summary>True if some provider of the market can fail.</summary>
    public static bool AnyCanFail(IReadOnlyList<ProviderSpec> providers)
    {
        foreach (var p in providers) if (p.CanFail) return true;
        return false;
    }

    /// <summary>The outages of month <paramref name="tick"/>.</summary>
    public static OutageMonth Draw(MarketStructure structure, CounterRandom random, int tick)
    {
        var locations = structure.Locations;
        var start = new double[structure.ProviderCount * locations];
        var hours = new double[start.Length];
        foreach (var p in structure.Providers.OfType<IspSpec>())
        {
            if (!p.CanFail) continue;
            var duration = Math.Min(p.OutageHours, HoursPerMonth);
            for (var l = 0; l < locations; l++)
            {
                if (!structure.Covers(p.Index, l)) continue;
                // A network-wide failure is one draw shared by every location: same chance, same start hour.
                var key = (long)p.Index * (locations + 1) + (p.OutageNetworkWide ? locations : l);
                if (random.Uniform(RandomStream.Outage, key, tick, 0) >= p.OutageProbability) continue;
                start[p.Index * locations + l] = random.Uniform(RandomStream.Outage, key, tick, 1) * HoursPerMonth;
                hours[p.Index * locations + l] = duration;
            }
        }
        return new OutageMonth(structure, tick, start, hours);
    }
}
