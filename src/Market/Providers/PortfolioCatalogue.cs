namespace MarketSim.Market.Providers;

/// <summary>
/// Every portfolio the market offers: index 0 is the outside option, then each single access, then each
/// pair of different providers when multihoming is allowed. Fixed for a run, so arrays can be indexed by it.
/// </summary>
public sealed class PortfolioCatalogue
{
    /// <summary>Index of the outside option.</summary>
    public const int Outside = 0;

    private readonly Portfolio[] portfolios;

    /// <summary>Builds the catalogue for the providers.</summary>
    public PortfolioCatalogue(int providerCount, bool allowMultihoming)
    {
        var list = new List<Portfolio> { new(Outside, Array.Empty<int>()) };
        for (int p = 0; p < providerCount; p++) list.Add(new Portfolio(list.Count, new[] { p }));
        if (allowMultihoming)
        {
            for (int p = 0; p < providerCount; p++)
            {
                for (int q = p + 1; q < providerCount; q++) list.Add(new Portfolio(list.Count, new[] { p, q }));
            }
        }
        portfolios = list.ToArray();
        MaxAccesses = portfolios.Max(x => x.Providers.Count);
    }

    /// <summary>Number of portfolios, outside option included.</summary>
    public int Count => portfolios.Length;

    /// <summary>The most accesses any portfolio holds (the width of per-access tables).</summary>
    public int MaxAccesses { get; }

    /// <summary>All portfolios in index order.</summary>
    public IReadOnlyList<Portfolio> All => portfolios;

    /// <summary>The portfolio at an index.</summary>
    public Portfolio this[int index] => portfolios[index];

    /// <summary>The portfolio holding exactly the one given provider.</summary>
    public int Single(int provider) => provider + 1;
}
