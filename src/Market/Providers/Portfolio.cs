namespace MarketSim.Market.Providers;

/// <summary>
/// What a user can hold: nothing (the outside option), one provider's plan, or two plain accesses of different
/// ISPs pooled by MPTCP on the user's device (use case 3A, two contracts and two bills). <see cref="Providers"/>
/// are the sellers the user has contracts with, in increasing index order; <see cref="Paths"/> are the routes its
/// traffic can take, in seller order then in the order of the seller's plan.
/// </summary>
/// <param name="Index">Position in the catalogue.</param>
/// <param name="Providers">Sellers held, one contract each.</param>
/// <param name="Paths">Every path of the held plans.</param>
/// <param name="UsesTwoRadios">True when the device keeps two radios busy where every access has coverage (two wireless
/// accesses of different ISPs); decisions use <see cref="MarketStructure.UsesTwoRadiosAt"/>, which knows the location.</param>
public sealed record Portfolio(int Index, IReadOnlyList<int> Providers, IReadOnlyList<AccessPath> Paths, bool UsesTwoRadios)
{
    // Array copies for the users' decision loop, which reads them for every option of every user every month:
    // indexing an array is much cheaper there than calling through IReadOnlyList.
    internal int[] SellerArray { get; } = Providers.ToArray();

    internal AccessPath[] PathArray { get; } = Paths.ToArray();

    /// <summary>For each path, the position of its contract in <see cref="Providers"/>.</summary>
    internal int[] ContractOfPath { get; } = Paths.Select(path => IndexOf(Providers, path.Seller)).ToArray();

    /// <summary>True for the outside option (no access at all).</summary>
    public bool IsOutside => SellerArray.Length == 0;

    /// <summary>True when the user holds contracts with two providers (two bills).</summary>
    public bool IsMultihomed => Providers.Count > 1;

    /// <summary>True when the user's traffic can use more than one path where every access has coverage (see
    /// <see cref="MarketStructure.IsMultipathAt"/> for a given location).</summary>
    public bool IsMultipath => Paths.Count > 1;

    /// <summary>True when the device itself must run MPTCP where every access has coverage: more than one path that
    /// is not split by a proxy (see <see cref="MarketStructure.NeedsMptcpDeviceAt"/> for a given location).</summary>
    public bool NeedsMptcpDevice
    {
        get
        {
            var terminal = 0;
            foreach (var path in Paths) if (!path.ViaProxyTransit) terminal++;
            return terminal > 1;
        }
    }

    /// <summary>True if the portfolio includes a contract with the given provider.</summary>
    public bool Holds(int provider)
    {
        foreach (var p in SellerArray)
        {
            if (p == provider) return true;
        }
        return false;
    }

    private static int IndexOf(IReadOnlyList<int> sellers, int seller)
    {
        for (var k = 0; k < sellers.Count; k++)
        {
            if (sellers[k] == seller) return k;
        }
        throw new ArgumentException($"path of seller {seller} in a portfolio without that contract");
    }

    /// <summary>A readable label such as "3G-A+WLAN".</summary>
    public string Label(IReadOnlyList<ProviderSpec> providers)
        => IsOutside ? "none" : string.Join('+', Providers.Select(p => providers[p].Name));
}
