using MarketSim.Market.Providers;

namespace MarketSim.Market.Accounting;

/// <summary>
/// Transfers between providers in one tick, in millionths of money (integers, so that what one pays is exactly what
/// another receives). A VMPO pays every ISP in its plan that ISP's wholesale price per subscriber and access; an ISP
/// or an ISP's product line selling a plan over partner networks (a bundle) passes its revenue share of the plan's
/// bills to the partners, split equally; the home network (the ISP itself, or the product line's owner) is not paid.
/// </summary>
public static class MoneyFlows
{
    /// <summary>Transfers [payer, payee] in millionths, for the given subscribers, bills and retail fees.</summary>
    public static long[,] Compute(MarketStructure structure, IReadOnlyList<int> subscribers, IReadOnlyList<long> billedMicros, IReadOnlyList<double> prices)
    {
        int n = structure.ProviderCount;
        var transfers = new long[n, n];
        foreach (var seller in structure.Providers)
        {
            var offer = seller.Sells;
            int home = seller.HomeNetwork;
            int partners = offer.Accesses.Count(a => a != home);
            if (partners == 0) continue;
            foreach (int access in offer.Accesses)
            {
                if (access == home) continue;
                long amount = seller.Kind != ProviderKind.Vmpo
                    ? (long)Math.Round(offer.RevenueShare * billedMicros[seller.Index] / partners)
                    : subscribers[seller.Index] * (long)Math.Round(structure.Providers[access].WholesalePrice(prices[access]) * 1e6);
                transfers[seller.Index, access] += amount;
            }
        }
        return transfers;
    }

    /// <summary>Money a provider received from all others, in money units.</summary>
    public static double ReceivedBy(long[,] transfers, int provider)
    {
        long sum = 0;
        for (int payer = 0; payer < transfers.GetLength(0); payer++) sum += transfers[payer, provider];
        return sum / 1e6;
    }

    /// <summary>Money a provider paid to all others, in money units.</summary>
    public static double PaidBy(long[,] transfers, int provider)
    {
        long sum = 0;
        for (int payee = 0; payee < transfers.GetLength(1); payee++) sum += transfers[provider, payee];
        return sum / 1e6;
    }
}
