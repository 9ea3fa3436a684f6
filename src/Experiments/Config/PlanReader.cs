using MarketSim.Market.Providers;

namespace MarketSim.Experiments.Config;

/// <summary>
/// Reads a provider's `plan` section (what it sells) once every provider is known, so that access names can be
/// resolved and checked: an ISP's plan starts with its own network; a VMPO's plan lists only ISPs; a proxy plan has
/// one access and a transit capacity; revenue shares belong to ISP plans with partners. proxy_transit_mbps is read
/// whatever the routing (and used only by proxy routing) so that a sweep policy can switch routing with one override.
/// </summary>
internal static class PlanReader
{
    private static readonly string[] Routings = ["terminal", "proxy"];

    /// <summary>The ISP owning a product line (its `owner` key), among <paramref name="providers"/> (their positions
    /// are the ids); <paramref name="isIsp"/> tells an ISP's section.</summary>
    public static ProviderId Owner(YamlSection productLine, IReadOnlyList<YamlSection> providers, Func<YamlSection, bool> isIsp)
    {
        var name = productLine.Text("owner");
        var owner = providers.Select((p, i) => (Section: p, Index: i)).FirstOrDefault(p => p.Section.Text("name") == name);
        if (owner.Section is null || !isIsp(owner.Section))
            throw productLine.Error("owner", $"'{name}' is not an active ISP of this file; accepted: {string.Join(", ", providers.Where(isIsp).Select(p => p.Text("name")))}");
        return new ProviderId(owner.Index);
    }

    /// <summary>The provider's plan, or null for a plain access of its own network (an ISP without a plan section).</summary>
    public static Offer? Read(YamlSection providerSection, ProviderSpec provider, IReadOnlyList<ProviderSpec> providers)
    {
        var s = providerSection.OptionalSection("plan");
        if (s is null)
        {
            providerSection.RejectUnknownKeys();
            if (!provider.OwnsNetwork)
                throw providerSection.Error("kind", "a vmpo or product_line needs a `plan` section naming the ISPs that carry it; accepted: plan: { accesses: ISP+ISP }");
            return null;
        }
        // One text, names joined by '+' like portfolio labels: a scalar, so a sweep policy can switch a plan with one
        // override and a list of such texts sweeps alternative plans.
        var accesses = new List<int>();
        foreach (var value in s.Text("accesses").Split('+', StringSplitOptions.TrimEntries))
        {
            var access = providers.FirstOrDefault(p => p.Name == value);
            var isps = string.Join(", ", providers.Where(p => p.OwnsNetwork).Select(p => p.Name));
            if (access is null || !access.OwnsNetwork)
                throw s.Error("accesses", $"'{value}' is not an active ISP of this file; accepted: ISP names joined by '+', from: {isps}");
            accesses.Add(access.Index);
        }
        if (accesses.Count is < 1 or > 4)
            throw s.Error("accesses", $"{accesses.Count} accesses listed; accepted: 1 to 4 ISP names joined by '+'");
        if (provider.HomeNetwork is { } homeNetwork && accesses[0] != homeNetwork)
        {
            var home = providers[homeNetwork].Name;
            throw s.Error("accesses", $"the plan of an ISP or of its product line must start with the ISP's own network '{home}'; accepted: {home} or {home}+PARTNER");
        }
        var routing = s.Choice("routing", Routings, "terminal") == "proxy" ? OfferRouting.Proxy : OfferRouting.Terminal;
        var transit = s.Number("proxy_transit_mbps", Bounds.RateMbps, 0.0);
        if (routing == OfferRouting.Proxy && accesses.Count != 1)
            throw s.Error("routing", $"a proxy splits one access over two routes, but {accesses.Count} accesses are listed; accepted: exactly one access with routing proxy");
        if (routing == OfferRouting.Proxy && transit <= 0)
            throw s.Error("routing", "a proxy plan needs proxy_transit_mbps, the capacity per location of its second route; accepted: a number > 0");
        var share = s.Number("revenue_share", Bounds.Unit, 0.0);
        if (s.IsSet("revenue_share") && provider is VmpoSpec)
            throw s.Error("revenue_share", "a VMPO pays wholesale prices, it does not share revenue; accepted: leave the key out");
        if (share > 0 && accesses.All(a => a == provider.HomeNetwork))
            throw s.Error("revenue_share", $"value {share} but the plan has no partner network to share with; accepted: 0, or a partner in accesses");
        s.RejectUnknownKeys();
        providerSection.RejectUnknownKeys();
        return new Offer(accesses, routing, transit, share);
    }
}
