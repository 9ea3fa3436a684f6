using MarketSim.Market.Providers;

namespace MarketSim.Market.Network;

/// <summary>One of the places a user spends its time at.</summary>
/// <param name="Name">Name from the experiment file (home, work, on the move, ...).</param>
/// <param name="TimeShare">Share of the user's time spent there, in [0, 1]; the shares of all places sum to 1.</param>
/// <param name="Hotspots">Whether hotspot and fixed accesses (WLAN, DSL) are within reach there, where the location
/// has them; 3G reaches every place.</param>
public sealed record Place(string Name, double TimeShare, bool Hotspots);

/// <summary>
/// Where users spend their time (issue 16): 3G reaches every place, WLAN hotspots (and fixed lines, which are used
/// through a router at home or at work) only the places marked as having them. A user lives in its home location: it
/// buys what is sold there and all its places lie within that location's cells and hotspots (the model's locations
/// are cell areas; home, work and the street between are visits to hotspots and to the cell around them). The
/// throughput a user values for a portfolio is the time-weighted mix of what it delivers at each place, and the load
/// on every (location, access) is the time-weighted presence of its users there, so congestion follows where people
/// are: a 3G + WLAN user loads the hotspot only while it is at one, and puts all its traffic on 3G on the move.
/// Only the total hotspot share matters to the transport model: every place without hotspots is the same network.
/// </summary>
/// <param name="Places">The places, in file order.</param>
public sealed record Mobility(IReadOnlyList<Place> Places)
{
    /// <summary>Share of the time spent where hotspots are within reach: the sum of those places' shares.</summary>
    public double HotspotShare
    {
        get
        {
            double share = 0;
            foreach (var place in Places) if (place.Hotspots) share += place.TimeShare;
            return Math.Min(1.0, share);
        }
    }

    /// <summary>True if an access of this technology reaches every place (3G); false if only places with hotspots.</summary>
    public static bool ReachesEveryPlace(Technology technology) => technology == Technology.Cellular3G;

    /// <summary>Records compare lists by reference; two mobility specs are equal when their places are.</summary>
    public bool Equals(Mobility? other) => other is not null && Places.SequenceEqual(other.Places);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var place in Places) hash.Add(place);
        return hash.ToHashCode();
    }
}
