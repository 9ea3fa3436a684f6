namespace MarketSim.Market.Providers;

/// <summary>
/// The fixed geography of a run: providers, locations, which ISP covers which location, where each plan is sold,
/// and which portfolios a user can buy at a location with a given device. Built once; read by every block each tick.
/// </summary>
public sealed class MarketStructure
{
    private readonly bool[] covers;          // [provider * Locations + location]
    private readonly int[][] availableSingle; // per location: portfolios without multihoming
    private readonly int[][] availableMulti;  // per location: all portfolios an MPTCP device can use
    private readonly bool[] pathExists;       // [cell * MaxPaths + slot], looked up for every option in every decision
    private readonly int[] pathsAt;           // per cell: paths that exist there
    private readonly int[] linesAt;           // per cell: existing paths that are not a proxy's second route (lines, SIMs, logins)
    private readonly int[] radiosAt;          // per cell: existing lines on wireless (3G / WLAN) accesses
    private readonly double[]? expectedDowntime; // per cell: expected hours a month with no service; null when nothing fails

    /// <summary>Builds the structure. WLAN coverage takes the first round(coverage * L) locations
    /// counted from a per-provider offset, so two WLAN ISPs overlap only as much as their coverage forces.</summary>
    public MarketStructure(IReadOnlyList<ProviderSpec> providers, int locations, bool allowMultihoming)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(locations, 1);
        Providers = providers;
        Locations = locations;
        Catalogue = new PortfolioCatalogue(providers, allowMultihoming);
        covers = new bool[providers.Count * locations];
        var wlanOffset = 0;
        foreach (var p in providers.OfType<IspSpec>())
        {
            var covered = (int)Math.Round(p.Coverage * locations, MidpointRounding.AwayFromZero);
            var offset = p.Technology == Technology.Wlan ? wlanOffset : 0;
            for (var k = 0; k < covered; k++) covers[p.Index * locations + (offset + k) % locations] = true;
            if (p.Technology == Technology.Wlan) wlanOffset += covered;
        }
        pathExists = new bool[locations * Catalogue.Count * Catalogue.MaxPaths];
        pathsAt = new int[locations * Catalogue.Count];
        linesAt = new int[locations * Catalogue.Count];
        radiosAt = new int[locations * Catalogue.Count];
        for (var l = 0; l < locations; l++)
        {
            foreach (var portfolio in Catalogue.All)
            {
                var cell = Cell(l, portfolio.Index);
                for (var slot = 0; slot < portfolio.Paths.Count; slot++)
                {
                    var path = portfolio.Paths[slot];
                    if (!Covers(path.Access, l)) continue;
                    pathExists[cell * Catalogue.MaxPaths + slot] = true;
                    pathsAt[cell]++;
                    if (path.ViaProxyTransit) continue;
                    linesAt[cell]++;
                    if (Isp(path.Access).Technology is Technology.Cellular3G or Technology.Wlan) radiosAt[cell]++;
                }
            }
        }
        if (providers.Any(p => p.CanFail))
        {
            expectedDowntime = new double[CellCount];
            for (var l = 0; l < locations; l++)
                foreach (var portfolio in Catalogue.All) expectedDowntime[Cell(l, portfolio.Index)] = ComputeExpectedDowntimeHours(l, portfolio);
        }
        availableSingle = new int[locations][];
        availableMulti = new int[locations][];
        for (var l = 0; l < locations; l++)
        {
            var all = Catalogue.All.Where(o => o.Providers.All(p => Sold(p, l))).Select(o => o.Index).ToArray();
            availableMulti[l] = all;
            availableSingle[l] = all.Where(o => !NeedsMptcpDeviceAt(l, Catalogue[o])).ToArray();
        }
    }

    /// <summary>Providers in index order.</summary>
    public IReadOnlyList<ProviderSpec> Providers { get; }

    /// <summary>The ISP whose access network is <paramref name="access"/> (an access of a plan is always an ISP's).</summary>
    public IspSpec Isp(int access) => Providers[access] as IspSpec
        ?? throw new ArgumentException($"Provider {access} ({Providers[access].Name}) owns no access network.", nameof(access));

    /// <summary>Number of locations (cells / hotspot areas).</summary>
    public int Locations { get; }

    /// <summary>The portfolios of this market.</summary>
    public PortfolioCatalogue Catalogue { get; }

    /// <summary>Number of providers.</summary>
    public int ProviderCount => Providers.Count;

    /// <summary>True if the provider is an ISP with a cell, hotspot or line at the location (a VMPO covers nothing).</summary>
    public bool Covers(int provider, int location) => covers[provider * Locations + location];

    /// <summary>True if the provider's plan is on sale at the location: where the plan's first access has coverage.</summary>
    public bool Sold(int provider, int location) => Covers(Providers[provider].Sells.Accesses[0], location);

    /// <summary>True if path <paramref name="slot"/> of the portfolio exists at the location (its access has coverage there).</summary>
    public bool PathExists(int location, Portfolio portfolio, int slot) => pathExists[Cell(location, portfolio.Index) * Catalogue.MaxPaths + slot];

    /// <summary>Portfolios a user at the location can buy; multihomed ones only with an MPTCP-capable device.</summary>
    public ReadOnlySpan<int> Available(int location, bool mptcpCapable)
        => mptcpCapable ? availableMulti[location] : availableSingle[location];

    /// <summary>Paths of the portfolio that exist at the location (where their access has coverage).</summary>
    public int PathsAt(int location, Portfolio portfolio) => pathsAt[Cell(location, portfolio.Index)];

    /// <summary>Accesses (lines, SIMs, hotspot logins) of the portfolio that exist at the location: its existing paths
    /// except a proxy's second route, which shares the access of the first.</summary>
    public int LinesAt(int location, Portfolio portfolio) => linesAt[Cell(location, portfolio.Index)];

    /// <summary>True if the portfolio's traffic uses more than one path at the location (MPTCP on the device or in a proxy).</summary>
    public bool IsMultipathAt(int location, Portfolio portfolio) => PathsAt(location, portfolio) > 1;

    /// <summary>True if the device must run MPTCP to use the portfolio at the location (more than one line there).</summary>
    public bool NeedsMptcpDeviceAt(int location, Portfolio portfolio) => LinesAt(location, portfolio) > 1;

    /// <summary>True if the device keeps two radios busy at the location (two or more wireless lines there, e.g.
    /// 3G + WLAN, or two SIMs).</summary>
    public bool UsesTwoRadiosAt(int location, Portfolio portfolio) => radiosAt[Cell(location, portfolio.Index)] > 1;

    /// <summary>Expected hours a month a holder of the portfolio at the location is without service because every access
    /// it uses there is down at once (outages drawn independently on the month's circle, see Network.Outages, overlap
    /// on average by the product of their chances: H × Π over its distinct accesses (p_a d_a / H)); 0 when no network
    /// can fail.</summary>
    public double ExpectedDowntimeHours(int location, Portfolio portfolio)
        => expectedDowntime is null ? 0 : expectedDowntime[Cell(location, portfolio.Index)];

    /// <summary>The distinct accesses (ISP networks) carrying the portfolio's paths that exist at the location, into
    /// <paramref name="accesses"/>; returns how many. A proxy's two routes and two lines of one ISP share one access.</summary>
    public int DistinctAccesses(int location, Portfolio portfolio, Span<int> accesses)
    {
        var n = 0;
        for (var slot = 0; slot < portfolio.Paths.Count; slot++)
        {
            if (!PathExists(location, portfolio, slot)) continue;
            var access = portfolio.Paths[slot].Access;
            if (!accesses[..n].Contains(access)) accesses[n++] = access;
        }
        return n;
    }

    /// <summary>Expected hours a month during which every access the portfolio uses at the location is out at once
    /// (0 for the outside option or a portfolio with an access that never fails).</summary>
    private double ComputeExpectedDowntimeHours(int location, Portfolio portfolio)
    {
        const double hours = IspSpec.HoursPerMonth;
        Span<int> accesses = stackalloc int[portfolio.Paths.Count];
        var n = DistinctAccesses(location, portfolio, accesses);
        if (n == 0) return 0;
        double allOut = 1;
        for (var a = 0; a < n; a++)
        {
            var access = Isp(accesses[a]);
            allOut *= access.CanFail ? access.OutageProbability * Math.Min(access.OutageHours, hours) / hours : 0;
        }
        return hours * allOut;
    }

    /// <summary>Index of a (location, portfolio) cell in flat per-tick tables.</summary>
    public int Cell(int location, int portfolio) => location * Catalogue.Count + portfolio;

    /// <summary>Number of (location, portfolio) cells.</summary>
    public int CellCount => Locations * Catalogue.Count;
}
