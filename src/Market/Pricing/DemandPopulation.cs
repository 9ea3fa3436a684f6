using MarketSim.Market.Population;
using MarketSim.Market.Providers;
using MarketSim.Market.Randomness;

namespace MarketSim.Market.Pricing;

/// <summary>
/// The fixed traits of every user of a run as arrays (location, device draw, price sensitivity, throughput valuation,
/// usage): what the demand oracle sums over. Drawn with the same keyed streams as <see cref="UserBlock"/>, so these are
/// the market's actual users, not a sample; what they hold does not enter long-run demand (see <see cref="DemandOracle"/>).
/// </summary>
public sealed class DemandPopulation
{
    private DemandPopulation(int count)
    {
        Location = new int[count];
        DeviceDraw = new double[count];
        PriceSensitivity = new double[count];
        ThroughputValue = new double[count];
        UsageGb = new double[count];
    }

    /// <summary>Location of each user.</summary>
    public int[] Location { get; }

    /// <summary>Fixed uniform draw: the device runs MPTCP once the market's capable share exceeds it.</summary>
    public double[] DeviceDraw { get; }

    /// <summary>Logit price coefficient alpha of each user (1 / money).</summary>
    public double[] PriceSensitivity { get; }

    /// <summary>Money per month per unit of ln(1 + throughput / reference).</summary>
    public double[] ThroughputValue { get; }

    /// <summary>Traffic per month, GB.</summary>
    public double[] UsageGb { get; }

    /// <summary>Number of users.</summary>
    public int Count => Location.Length;

    /// <summary>Draws the users 0..Users-1 of a run exactly as the run's user blocks draw them.</summary>
    public static DemandPopulation Draw(MarketStructure structure, PopulationSpec population, CounterRandom random)
    {
        ArgumentNullException.ThrowIfNull(structure);
        ArgumentNullException.ThrowIfNull(population);
        var users = new DemandPopulation(population.Users);
        for (var i = 0; i < population.Users; i++)
        {
            users.Location[i] = UserTraits.Location(random, i, structure.Locations);
            users.DeviceDraw[i] = UserTraits.DeviceDraw(random, i);
            users.PriceSensitivity[i] = population.MeanPriceSensitivity
                * UserTraits.MeanOneLogNormal(random, RandomStream.PriceSensitivity, i, population.PriceSensitivitySpread);
            users.ThroughputValue[i] = population.ThroughputValue
                * UserTraits.MeanOneLogNormal(random, RandomStream.ThroughputValuation, i, population.ThroughputValueSpread);
            users.UsageGb[i] = population.UsageGb * UserTraits.MeanOneLogNormal(random, RandomStream.Usage, i, population.UsageSpread);
        }
        return users;
    }
}
