namespace MarketSim.Market.Providers;

/// <summary>
/// Per-active-user throughput (Mbit/s) of every access of every (location, portfolio) cell, as the transport
/// model solved it for one tick. Read-only once built, so one instance can be shared by every block actor.
/// Cells nobody holds still carry the rate a marginal newcomer would get, which is what a reviewing user weighs.
/// Network fills it; it lives here, beside the <see cref="MarketStructure"/> whose cells it is laid out by, so that what
/// a provider observes (<see cref="PricingObservation"/>) can carry it without Providers depending on Network.
/// </summary>
public sealed class ThroughputTable
{
    private readonly double[] mbps; // [cell * width + slot]

    /// <summary>Wraps a filled array; the table takes ownership.</summary>
    public ThroughputTable(MarketStructure structure, double[] mbpsByCellAndSlot)
    {
        Width = structure.Catalogue.MaxPaths;
        if (mbpsByCellAndSlot.Length != structure.CellCount * Width)
            throw new ArgumentException($"Expected {structure.CellCount * Width} entries, got {mbpsByCellAndSlot.Length}.", nameof(mbpsByCellAndSlot));
        mbps = mbpsByCellAndSlot;
    }

    /// <summary>Entries per cell: the most paths a portfolio has.</summary>
    public int Width { get; }

    /// <summary>Throughput of path <paramref name="slot"/> of the cell's portfolio, Mbit/s (0 where the path does not exist).</summary>
    public double Mbps(int cell, int slot) => mbps[cell * Width + slot];

    /// <summary>Total throughput of a cell's portfolio (all its paths pooled), Mbit/s.</summary>
    public double TotalMbps(int cell, int paths)
    {
        double total = 0;
        for (var s = 0; s < paths; s++) total += mbps[cell * Width + s];
        return total;
    }
}
