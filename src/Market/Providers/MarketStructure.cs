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

    /// <summary>Builds the structure. WLAN coverage takes the first round(coverage * L) locations
    /// counted from a per-provider offset, so two WLAN ISPs overlap only as much as their coverage forces.</summary>
    public MarketStructure(IReadOnlyList<ProviderSpec> providers, int locations, bool allowMultihoming)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(locations, 1);
        Providers = providers;
        Locations = locations;
        Catalogue = new PortfolioCatalogue(providers, allowMultihoming);
        covers = new bool[providers.Count * locations];
        int wlanOffset = 0;
        foreach (var p in providers.Where(p => p.OwnsNetwork))
        {
            int covered = (int)Math.Round(p.Coverage * locations, MidpointRounding.AwayFromZero);
            int offset = p.Technology == Technology.Wlan ? wlanOffset : 0;
            for (int k = 0; k < covered; k++) covers[p.Index * locations + (offset + k) % locations] = true;
            if (p.Technology == Technology.Wlan) wlanOffset += covered;
        }
        pathExists = new bool[locations * Catalogue.Count * Catalogue.MaxPaths];
        for (int l = 0; l < locations; l++)
        {
            foreach (var portfolio in Catalogue.All)
            {
                for (int slot = 0; slot < portfolio.Paths.Count; slot++)
                    pathExists[Cell(l, portfolio.Index) * Catalogue.MaxPaths + slot] = Covers(portfolio.Paths[slot].Access, l);
            }
        }
        availableSingle = new int[locations][];
        availableMulti = new int[locations][];
        for (int l = 0; l < locations; l++)
        {
            var all = Catalogue.All.Where(o => o.Providers.All(p => Sold(p, l))).Select(o => o.Index).ToArray();
            availableMulti[l] = all;
            availableSingle[l] = all.Where(o => !Catalogue[o].NeedsMptcpDevice).ToArray();
        }
    }

    /// <summary>Providers in index order.</summary>
    public IReadOnlyList<ProviderSpec> Providers { get; }

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

    /// <summary>Index of a (location, portfolio) cell in flat per-tick tables.</summary>
    public int Cell(int location, int portfolio) => location * Catalogue.Count + portfolio;

    /// <summary>Number of (location, portfolio) cells.</summary>
    public int CellCount => Locations * Catalogue.Count;
}
