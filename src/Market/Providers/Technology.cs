namespace MarketSim.Market.Providers;

/// <summary>The access technology of an ISP: it decides coverage, capacity per cell and round-trip time.</summary>
public enum Technology
{
    /// <summary>Cellular 3G: covers every location, less capacity per cell, longer RTT.</summary>
    Cellular3G,

    /// <summary>WLAN hotspots: cover a fraction of locations, more capacity per hotspot, shorter RTT.</summary>
    Wlan,

    /// <summary>Fixed lines (DSL): a private line per user (the peak rate) into an aggregation link per location.
    /// Not a radio, so a user holding two lines pays no battery cost.</summary>
    FixedLine,
}
