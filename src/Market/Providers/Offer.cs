namespace MarketSim.Market.Providers;

/// <summary>How the traffic of a plan with several paths is split.</summary>
public enum OfferRouting
{
    /// <summary>The user's device runs MPTCP over the plan's accesses (needs an MPTCP-capable device when the
    /// plan has more than one access). Use cases 2A, 2B, 3A and 3B.</summary>
    Terminal,

    /// <summary>A proxy run by the seller splits the traffic of one access over two disjoint routes behind it: the
    /// access network's own backhaul and the seller's proxy transit. The device needs no MPTCP. Use cases 1A, 1B.</summary>
    Proxy,
}

/// <summary>
/// The one retail plan a provider sells: which ISPs' access networks carry it and how multipath is done. A plain
/// ISP access is <c>Accesses = [self]</c>; a dual line (2B) is <c>[self, self]</c>; an ISP bundle with a partner of
/// the other technology (2A, partnering) is <c>[self, partner]</c> and passes <see cref="RevenueShare"/> of the
/// bundle's bills to its partners; a VMPO plan lists the ISPs it buys wholesale access from (1B, 3B) and pays each
/// of them its wholesale price per subscriber. The plan is on sale where its first access has coverage; its other
/// accesses are used where they have coverage too.
/// </summary>
/// <param name="Accesses">Provider indices of the ISPs whose networks carry the plan, first one decides where it is sold.</param>
/// <param name="Routing">Terminal MPTCP or proxy splitting.</param>
/// <param name="ProxyTransitMbps">With proxy routing: capacity per location of the proxy's second, disjoint route, Mbit/s.</param>
/// <param name="RevenueShare">For an ISP's plan over partner networks: fraction of the plan's bills passed to the partners
/// (split equally among them), in [0, 1].</param>
public sealed record Offer(IReadOnlyList<int> Accesses, OfferRouting Routing, double ProxyTransitMbps, double RevenueShare)
{
    /// <summary>A plain access of ISP <paramref name="provider"/>: one path, its own network.</summary>
    public static Offer PlainAccess(int provider) => new([provider], OfferRouting.Terminal, 0, 0);

    /// <summary>True for a single access through the seller's own network with no proxy: the plans a multihomed
    /// user can combine two of (use case 3A).</summary>
    public bool IsPlainAccessOf(int seller) => Accesses.Count == 1 && Accesses[0] == seller && Routing == OfferRouting.Terminal;
}
