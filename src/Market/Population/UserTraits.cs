using MarketSim.Market.Providers;
using MarketSim.Market.Randomness;
using MathNet.Numerics.Distributions;

namespace MarketSim.Market.Population;

/// <summary>
/// Draws a user's fixed traits from the run's random source. A pure function of (seed, user id): a user is the
/// same person whatever block it lands in, and paired policy runs see the same people.
/// </summary>
public static class UserTraits
{
    /// <summary>The user's location, uniform over locations.</summary>
    public static int Location(CounterRandom random, long user, int locations)
        => (int)(random.Bits(RandomStream.Location, user, 0) % (ulong)locations);

    /// <summary>True if the user's device can run MPTCP.</summary>
    public static bool MptcpCapable(CounterRandom random, long user, double share)
        => DeviceDraw(random, user) < share;

    /// <summary>The user's fixed uniform draw for device adoption: the device is MPTCP-capable once the market's
    /// capable share exceeds it, so adoption grows user by user and never reverses.</summary>
    public static double DeviceDraw(CounterRandom random, long user) => random.Uniform(RandomStream.Device, user, 0);

    /// <summary>Log-normal multiplier with mean 1 and the given log-sigma.</summary>
    public static double MeanOneLogNormal(CounterRandom random, RandomStream stream, long user, double sigma)
        => sigma <= 0 ? 1.0 : LogNormal.InvCDF(-0.5 * sigma * sigma, sigma, random.Uniform(stream, user, 0));

    /// <summary>The single-access portfolio the user starts with, from the providers' initial shares
    /// (shares are of the users inside coverage; a user drawn for a plan not sold where it lives, or needing an MPTCP device it
    /// lacks, starts with nothing).</summary>
    public static int InitialPortfolio(CounterRandom random, long user, int location, bool mptcpCapable, MarketStructure structure)
    {
        var u = random.Uniform(RandomStream.InitialPortfolio, user, 0);
        double cumulative = 0;
        foreach (var p in structure.Providers)
        {
            var start = p.InitialShareStart ?? cumulative;
            cumulative = start + p.InitialShare;
            if (u >= start && u < cumulative)
            {
                var plan = structure.Catalogue.Single(p.Index);
                var usable = structure.Sold(p.Index, location) && (mptcpCapable || !structure.NeedsMptcpDeviceAt(location, structure.Catalogue[plan]));
                return usable ? plan : PortfolioCatalogue.Outside;
            }
        }
        return PortfolioCatalogue.Outside;
    }
}
