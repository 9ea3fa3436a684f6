namespace MarketSim.Market.Providers;

/// <summary>
/// What a user can hold: nothing (the outside option), one access, or two accesses pooled by MPTCP.
/// Providers are listed in increasing index order; the price is the sum of their fees (two bills).
/// </summary>
public sealed record Portfolio(int Index, IReadOnlyList<int> Providers)
{
    /// <summary>True for the outside option (no access at all).</summary>
    public bool IsOutside => Providers.Count == 0;

    /// <summary>True when the user holds two or more accesses and needs an MPTCP-capable device to pool them.</summary>
    public bool IsMultihomed => Providers.Count > 1;

    /// <summary>True if the portfolio includes the given provider.</summary>
    public bool Holds(int provider)
    {
        foreach (int p in Providers)
        {
            if (p == provider) return true;
        }
        return false;
    }

    /// <summary>A readable label such as "3G-A+WLAN".</summary>
    public string Label(IReadOnlyList<ProviderSpec> providers)
        => IsOutside ? "none" : string.Join('+', Providers.Select(p => providers[p].Name));
}
