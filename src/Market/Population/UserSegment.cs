using MarketSim.Market.Providers;

namespace MarketSim.Market.Population;

/// <summary>
/// User segments reported per tick: device (MPTCP-capable or not, at that month) crossed with place (inside WLAN
/// hotspot coverage or not). These are the two traits that decide whether multipath can pay off for a user.
/// </summary>
public static class UserSegment
{
    /// <summary>Number of segments.</summary>
    public const int Count = 4;

    private static readonly string[] Names = ["legacy/no-hotspot", "mptcp/no-hotspot", "legacy/hotspot", "mptcp/hotspot"];

    /// <summary>Segment index of a user.</summary>
    public static int Of(bool mptcpCapable, bool inHotspot) => (mptcpCapable ? 1 : 0) + (inHotspot ? 2 : 0);

    /// <summary>True for the segments of MPTCP-capable devices.</summary>
    public static bool IsMptcp(int segment) => (segment & 1) == 1;

    /// <summary>Name of a segment in output rows, e.g. "mptcp/hotspot".</summary>
    public static string Name(int segment) => Names[segment];

    /// <summary>True if any WLAN ISP covers the location.</summary>
    public static bool InHotspot(MarketStructure structure, int location)
    {
        foreach (var p in structure.Providers)
        {
            if (p is IspSpec { Technology: Technology.Wlan } && structure.Covers(p.Index, location)) return true;
        }
        return false;
    }
}
