using System.Collections.Concurrent;
using MarketSim.Market.Population;
using MarketSim.Market.Providers;
using MarketSim.Market.Randomness;

namespace MarketSim.Market.Pricing;

/// <summary>
/// The fixed traits of every user of a run as arrays (location, device draw, price sensitivity, throughput valuation,
/// usage): what the demand oracle sums over. Drawn with the same keyed streams as <see cref="UserBlock"/>, so these are
/// the market's actual users, not a sample; what they hold does not enter long-run demand (see <see cref="DemandOracle"/>).
/// <para>Stored by location (then by user id): users of one location share their choice tables, so the oracle sums
/// them together and books their demand once per location instead of once per user. Entry k is the user
/// <see cref="UserId"/>[k].</para>
/// </summary>
public sealed class DemandPopulation
{
    private DemandPopulation(int[] userIds, int[] locationStart)
    {
        var count = userIds.Length;
        UserId = userIds;
        Location = new int[count];
        DeviceDraw = new double[count];
        PriceSensitivity = new double[count];
        ThroughputValue = new double[count];
        UsageGb = new double[count];
        LocationStart = locationStart;
    }

    /// <summary>Global id of each entry's user.</summary>
    public int[] UserId { get; }

    /// <summary>Location of each user (non-decreasing: entries are stored by location).</summary>
    public int[] Location { get; }

    /// <summary>Fixed uniform draw: the device runs MPTCP once the market's capable share exceeds it.</summary>
    public double[] DeviceDraw { get; }

    /// <summary>Logit price coefficient alpha of each user (1 / money).</summary>
    public double[] PriceSensitivity { get; }

    /// <summary>Money per month per unit of ln(1 + throughput / reference).</summary>
    public double[] ThroughputValue { get; }

    /// <summary>Traffic per month, GB.</summary>
    public double[] UsageGb { get; }

    /// <summary>[location]: first entry of the location's users; [Locations] = <see cref="Count"/>.</summary>
    public int[] LocationStart { get; }

    /// <summary>Number of users.</summary>
    public int Count => Location.Length;

    /// <summary>Draws the users 0..Users-1 of a run exactly as the run's user blocks draw them.</summary>
    public static DemandPopulation Draw(MarketStructure structure, PopulationSpec population, CounterRandom random)
    {
        ArgumentNullException.ThrowIfNull(structure);
        ArgumentNullException.ThrowIfNull(population);
        var users = new DemandPopulation(UserPartition.SortedByLocation(structure, random, population.Users, out var locationStart), locationStart);
        for (var l = 0; l < structure.Locations; l++) users.Location.AsSpan(locationStart[l]..locationStart[l + 1]).Fill(l);
        // Each user's traits are a pure function of its id (three inverse normal CDFs, about a quarter of a microsecond):
        // drawn in parallel, each range writing only its own entries.
        if (users.Count > 0) Parallel.ForEach(Partitioner.Create(0, users.Count), range =>
        {
            for (var k = range.Item1; k < range.Item2; k++)
            {
                var i = users.UserId[k];
                users.DeviceDraw[k] = UserTraits.DeviceDraw(random, i);
                users.PriceSensitivity[k] = population.MeanPriceSensitivity
                    * UserTraits.MeanOneLogNormal(random, RandomStream.PriceSensitivity, i, population.PriceSensitivitySpread);
                users.ThroughputValue[k] = population.ThroughputValue
                    * UserTraits.MeanOneLogNormal(random, RandomStream.ThroughputValuation, i, population.ThroughputValueSpread);
                users.UsageGb[k] = population.UsageGb * UserTraits.MeanOneLogNormal(random, RandomStream.Usage, i, population.UsageSpread);
            }
        });
        return users;
    }
}
