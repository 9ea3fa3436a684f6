using MarketSim.Market.Providers;

namespace MarketSim.Market.Network;

/// <summary>
/// The outages of one month (drawn by <see cref="Outages.Draw"/>): for every (ISP, location), when its network went
/// down and for how many hours. Read-only, shared by every block like the throughput table it changes.
/// </summary>
public sealed class OutageMonth
{
    private readonly MarketStructure structure;
    private readonly double[] start; // [provider * Locations + location], hour of the month the outage began
    private readonly double[] hours; // same index, 0 where the network did not fail

    /// <summary>Wraps filled arrays (the month takes ownership); hours in [0, <see cref="Outages.HoursPerMonth"/>].</summary>
    public OutageMonth(MarketStructure structure, int tick, double[] startHour, double[] outageHours)
    {
        var n = structure.ProviderCount * structure.Locations;
        if (startHour.Length != n || outageHours.Length != n)
            throw new ArgumentException($"Expected {n} entries (providers × locations).");
        this.structure = structure;
        Tick = tick;
        start = startHour;
        hours = outageHours;
    }

    /// <summary>The month.</summary>
    public int Tick { get; }

    /// <summary>Hours the provider's network was out at the location this month (0: no outage).</summary>
    public double OutageHours(int provider, int location) => hours[provider * structure.Locations + location];

    /// <summary>Locations where the provider's network failed this month.</summary>
    public int LocationsOut(int provider)
    {
        var count = 0;
        for (var l = 0; l < structure.Locations; l++) if (hours[provider * structure.Locations + l] > 0) count++;
        return count;
    }

    /// <summary>Hours this month during which a holder of <paramref name="portfolio"/> at the location had no service:
    /// when every access its paths use there was out at once (the outside option has no service to lose: 0).</summary>
    public double DowntimeHours(int location, Portfolio portfolio)
    {
        Span<int> accesses = stackalloc int[portfolio.Paths.Count];
        var n = structure.DistinctAccesses(location, portfolio, accesses);
        if (n == 0) return 0;
        // Intersect the accesses' outages as arcs of the month's circle: each arc is one or two plain intervals, and
        // intersecting disjoint pieces with disjoint pieces leaves disjoint pieces, so the lengths add up.
        var pieces = Pieces(accesses[0], location);
        for (var a = 1; a < n && pieces.Count > 0; a++)
        {
            var next = new List<(double From, double To)>();
            foreach (var x in pieces)
            {
                foreach (var y in Pieces(accesses[a], location))
                {
                    double from = Math.Max(x.From, y.From), to = Math.Min(x.To, y.To);
                    if (to > from) next.Add((from, to));
                }
            }
            pieces = next;
        }
        double total = 0;
        foreach (var piece in pieces) total += piece.To - piece.From;
        return total;
    }

    /// <summary>
    /// The month's throughput as users lived it: every path's rate scaled by the share of the month its access was up
    /// (a path earns nothing while its network is down). The transport solve is not redone for the outage hours, so a
    /// multipath user keeps its other path at that path's usual rate rather than taking over the failed path's share of
    /// the link: a conservative view of what the second access is worth.
    /// </summary>
    public ThroughputTable Apply(ThroughputTable solved)
    {
        var width = solved.Width;
        var mbps = new double[structure.CellCount * width];
        foreach (var portfolio in structure.Catalogue.All)
        {
            for (var l = 0; l < structure.Locations; l++)
            {
                var cell = structure.Cell(l, portfolio.Index);
                for (var slot = 0; slot < width; slot++)
                {
                    var rate = solved.Mbps(cell, slot);
                    if (slot < portfolio.Paths.Count) rate *= 1 - OutageHours(portfolio.Paths[slot].Access, l) / Outages.HoursPerMonth;
                    mbps[cell * width + slot] = rate;
                }
            }
        }
        return new ThroughputTable(structure, mbps);
    }

    private List<(double From, double To)> Pieces(int access, int location)
    {
        var k = access * structure.Locations + location;
        double d = hours[k], s = start[k], end = s + d;
        if (d <= 0) return [];
        if (d >= Outages.HoursPerMonth) return [(0, Outages.HoursPerMonth)];
        return end <= Outages.HoursPerMonth ? [(s, end)] : [(s, Outages.HoursPerMonth), (0, end - Outages.HoursPerMonth)];
    }
}
