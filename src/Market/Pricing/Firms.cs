using MarketSim.Market.Providers;

namespace MarketSim.Market.Pricing;

/// <summary>Which providers are one firm: an ISP and the product lines it owns price together (a VMPO is its own firm).</summary>
public static class Firms
{
    /// <summary>The provider whose firm <paramref name="provider"/> belongs to: its owner for a product line, else itself.</summary>
    public static int RootOf(IReadOnlyList<ProviderSpec> providers, int provider)
        => providers[provider] is ProductLineSpec line ? line.Owner.Value : provider;

    /// <summary>Every provider of the firm of <paramref name="provider"/>, in index order.</summary>
    public static int[] MembersOf(IReadOnlyList<ProviderSpec> providers, int provider)
    {
        var root = RootOf(providers, provider);
        return providers.Where(p => p.Index == root || (p is ProductLineSpec line && line.Owner.Value == root)).Select(p => p.Index).ToArray();
    }
}
