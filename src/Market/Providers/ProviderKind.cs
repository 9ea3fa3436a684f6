namespace MarketSim.Market.Providers;

/// <summary>What a provider owns: an access network (ISP) or only customer relationships (VMPO).</summary>
public enum ProviderKind
{
    /// <summary>An Internet service provider with its own cells, hotspots or lines.</summary>
    Isp,

    /// <summary>A virtual multipath operator: owns no access network, buys wholesale access from ISPs and
    /// sells one multipath plan over them.</summary>
    Vmpo,

    /// <summary>A further plan of an ISP (its owner), such as a bundle with a partner network or a proxy multipath
    /// plan, booked on its own row: it owns no network; its owner's network carries its users and bears their cost;
    /// partners other than the owner get the plan's revenue share.</summary>
    ProductLine,
}
