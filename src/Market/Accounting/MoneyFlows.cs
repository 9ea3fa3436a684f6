using MarketSim.Market.Providers;

namespace MarketSim.Market.Accounting;

/// <summary>
/// Transfers between providers in one tick, in millionths of money (integers, so that what one pays is exactly what
/// another receives). Payments follow the lines a partner's network actually carries: a VMPO pays an ISP its wholesale
/// price for every line of its plan that runs over that ISP where the subscriber lives; an ISP or an ISP's product line
/// selling a plan over partner networks (a bundle) passes its revenue share of a subscriber's bill, split equally over
/// the plan's partner accesses, for each partner access that exists where the subscriber lives (its average bill, as
/// bills are summed per provider). The home network (the ISP itself, or the product line's owner) is not paid.
/// </summary>
public static class MoneyFlows
{
    /// <summary>Transfers [payer, payee] in millionths, for the lines each seller's plan runs over each ISP (see
    /// <see cref="LinesBySellerAndAccess"/>), each provider's subscribers and bills, and the retail fees.</summary>
    public static long[,] Compute(MarketStructure structure, long[,] lines, IReadOnlyList<int> subscribers,
        IReadOnlyList<long> billedMicros, IReadOnlyList<double> prices)
    {
        var n = structure.ProviderCount;
        var transfers = new long[n, n];
        foreach (var seller in structure.Providers)
        {
            var offer = seller.Sells;
            var home = seller.HomeNetwork;
            var partners = offer.Accesses.Count(a => a != home);
            if (partners == 0 || subscribers[seller.Index] == 0) continue;
            for (var access = 0; access < n; access++)
            {
                var carried = lines[seller.Index, access];
                if (access == home || carried == 0) continue;
                transfers[seller.Index, access] = seller is VmpoSpec
                    ? carried * (long)Math.Round(structure.Isp(access).WholesalePrice(prices[access]) * 1e6)
                    : (long)Math.Round(offer.RevenueShare * billedMicros[seller.Index] * carried / ((double)subscribers[seller.Index] * partners));
            }
        }
        return transfers;
    }

    /// <summary>Lines [seller, access]: over all users, the paths of each seller's plan through each ISP's access that
    /// exist where the user lives (a proxy's second route shares its access's line and is not counted).</summary>
    public static long[,] LinesBySellerAndAccess(MarketStructure structure, IReadOnlyList<int> cellCounts)
    {
        var n = structure.ProviderCount;
        var lines = new long[n, n];
        for (var l = 0; l < structure.Locations; l++)
        {
            foreach (var portfolio in structure.Catalogue.All)
            {
                var users = cellCounts[structure.Cell(l, portfolio.Index)];
                if (users == 0) continue;
                for (var slot = 0; slot < portfolio.Paths.Count; slot++)
                {
                    var path = portfolio.Paths[slot];
                    if (path.ViaProxyTransit || !structure.PathExists(l, portfolio, slot)) continue;
                    lines[path.Seller, path.Access] += users;
                }
            }
        }
        return lines;
    }

    /// <summary>Money a provider received from all others, in money units.</summary>
    public static double ReceivedBy(long[,] transfers, int provider)
    {
        long sum = 0;
        for (var payer = 0; payer < transfers.GetLength(0); payer++) sum += transfers[payer, provider];
        return sum / 1e6;
    }

    /// <summary>Money a provider paid to all others, in money units.</summary>
    public static double PaidBy(long[,] transfers, int provider)
    {
        long sum = 0;
        for (var payee = 0; payee < transfers.GetLength(1); payee++) sum += transfers[provider, payee];
        return sum / 1e6;
    }
}
