namespace MarketSim.Market.Providers;

/// <summary>
/// Every portfolio the market offers: index 0 is the outside option, then each provider's plan, then, when
/// multihoming is allowed, each pair of different ISPs' plain accesses (use case 3A). Bundles, dual lines and VMPO
/// plans are one provider's plan (one contract), so they are not paired again. Fixed for a run, so arrays can be
/// indexed by it.
/// </summary>
public sealed class PortfolioCatalogue
{
    /// <summary>Index of the outside option.</summary>
    public const int Outside = 0;

    private readonly Portfolio[] portfolios;

    /// <summary>Builds the catalogue for the providers.</summary>
    public PortfolioCatalogue(IReadOnlyList<ProviderSpec> providers, bool allowMultihoming)
    {
        var list = new List<Portfolio> { new(Outside, Array.Empty<int>(), Array.Empty<AccessPath>(), false) };
        foreach (var p in providers) list.Add(Build(list.Count, [p.Index], providers));
        if (allowMultihoming)
        {
            foreach (var p in providers)
            {
                foreach (var q in providers.Where(q => q.Index > p.Index))
                {
                    if (p.Sells.IsPlainAccessOf(p.Index) && q.Sells.IsPlainAccessOf(q.Index)) list.Add(Build(list.Count, [p.Index, q.Index], providers));
                }
            }
        }
        portfolios = list.ToArray();
        MaxPaths = portfolios.Max(x => x.Paths.Count);
    }

    /// <summary>Number of portfolios, outside option included.</summary>
    public int Count => portfolios.Length;

    /// <summary>The most paths any portfolio has (the width of per-path tables).</summary>
    public int MaxPaths { get; }

    /// <summary>All portfolios in index order.</summary>
    public IReadOnlyList<Portfolio> All => portfolios;

    /// <summary>The portfolio at an index.</summary>
    public Portfolio this[int index] => portfolios[index];

    /// <summary>The portfolio holding exactly the given provider's plan.</summary>
    public int Single(int provider) => provider + 1;

    private static Portfolio Build(int index, int[] sellers, IReadOnlyList<ProviderSpec> providers)
    {
        var paths = new List<AccessPath>();
        foreach (var seller in sellers)
        {
            var offer = providers[seller].Sells;
            foreach (var access in offer.Accesses)
            {
                paths.Add(new AccessPath(seller, access, false));
                if (offer.Routing == OfferRouting.Proxy) paths.Add(new AccessPath(seller, access, true));
            }
        }
        var radios = paths.Where(x => !x.ViaProxyTransit && providers[x.Access] is IspSpec { Technology: Technology.Cellular3G or Technology.Wlan })
            .Select(x => x.Access).Distinct().Count();
        return new Portfolio(index, sellers, paths, radios > 1);
    }
}
