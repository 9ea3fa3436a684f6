using MarketSim.Market.Providers;

namespace MarketSim.Market.Accounting;

/// <summary>Pure bookkeeping from cell counts: subscribers, throughput seen, and each provider's tick.</summary>
public static class MarketAccounting
{
    /// <summary>Subscribers of each provider: the users in every cell whose portfolio holds it.</summary>
    public static int[] Subscribers(MarketStructure structure, IReadOnlyList<int> cellCounts)
    {
        var subscribers = new int[structure.ProviderCount];
        for (var l = 0; l < structure.Locations; l++)
        {
            foreach (var portfolio in structure.Catalogue.All)
            {
                var n = cellCounts[structure.Cell(l, portfolio.Index)];
                foreach (var p in portfolio.Providers) subscribers[p] += n;
            }
        }
        return subscribers;
    }

    /// <summary>Users holding at least one access.</summary>
    public static int Connected(MarketStructure structure, IReadOnlyList<int> cellCounts)
    {
        var connected = 0;
        for (var l = 0; l < structure.Locations; l++)
        {
            for (var o = 0; o < structure.Catalogue.Count; o++)
            {
                if (o != PortfolioCatalogue.Outside) connected += cellCounts[structure.Cell(l, o)];
            }
        }
        return connected;
    }

    /// <summary>Lines (SIMs, hotspot logins, DSL lines) each ISP's network carries, from the lines [seller, access] of
    /// <see cref="MoneyFlows.LinesBySellerAndAccess"/>: over all users, the paths through
    /// its access that exist where they live, a proxy's second route not counted (it shares the line), except the
    /// lines of its own product lines, whose network cost is booked on the product line (see
    /// <see cref="CostPerSubscriber"/>). A dual line counts twice, as it costs twice.</summary>
    public static int[] Carried(MarketStructure structure, long[,] lines)
    {
        var carried = new int[structure.ProviderCount];
        foreach (var seller in structure.Providers)
        {
            foreach (var isp in structure.Providers)
            {
                if (seller is ProductLineSpec line && line.Owner == isp.Id) continue;
                carried[isp.Index] += (int)lines[seller.Index, isp.Index];
            }
        }
        return carried;
    }

    /// <summary>Mean throughput (Mbit/s) each provider's plan gives its subscribers while they are active (the sum over
    /// the plan's paths); NaN for a provider without subscribers.</summary>
    public static double[] MeanThroughput(MarketStructure structure, IReadOnlyList<int> cellCounts, ThroughputTable table)
    {
        var sum = new double[structure.ProviderCount];
        var users = new long[structure.ProviderCount];
        for (var l = 0; l < structure.Locations; l++)
        {
            foreach (var portfolio in structure.Catalogue.All)
            {
                var cell = structure.Cell(l, portfolio.Index);
                var n = cellCounts[cell];
                if (n == 0) continue;
                foreach (var p in portfolio.Providers)
                {
                    double rate = 0;
                    for (var slot = 0; slot < portfolio.Paths.Count; slot++)
                    {
                        if (portfolio.Paths[slot].Seller == p) rate += table.Mbps(cell, slot);
                    }
                    sum[p] += n * rate;
                    users[p] += n;
                }
            }
        }
        var mean = new double[sum.Length];
        for (var p = 0; p < sum.Length; p++) mean[p] = users[p] == 0 ? double.NaN : sum[p] / users[p];
        return mean;
    }

    /// <summary>
    /// What one subscriber costs a provider per month: its marginal cost; for a product line also its owner's marginal
    /// cost for each of the owner's accesses in the plan (the owner's network carries them, and it is the same firm, so
    /// the line prices against that cost). Costs of partner networks are theirs (they get the revenue share), and a
    /// VMPO's access costs are the wholesale prices it pays.
    /// </summary>
    public static double CostPerSubscriber(ProviderSpec provider, IReadOnlyList<ProviderSpec> providers)
    {
        if (provider is not ProductLineSpec line) return provider.MarginalCost;
        var owner = line.Owner.Value;
        var ownerAccesses = line.Sells.Accesses.Count(a => a == owner);
        return line.MarginalCost + providers[owner].MarginalCost * ownerAccesses;
    }

    /// <summary>Cost of a provider in a tick: an ISP's marginal cost per line its network carries (its own subscribers,
    /// VMPO and partner lines); a VMPO's or product line's cost per subscriber.</summary>
    public static double Cost(ProviderSpec provider, ProviderDemand demand, IReadOnlyList<ProviderSpec> providers)
        => Cost(provider, demand.CarriedLines, demand.Subscribers, providers);

    /// <summary>The same cost from the line and subscriber counts (what a recorded <see cref="ProviderTick"/> holds, or the
    /// demand oracle's expected counts).</summary>
    public static double Cost(ProviderSpec provider, double carriedLines, double subscribers, IReadOnlyList<ProviderSpec> providers)
        => provider.OwnsNetwork ? provider.MarginalCost * carriedLines : CostPerSubscriber(provider, providers) * subscribers;

    /// <summary>A provider's tick: revenue is what its subscribers were billed; profit adds transfers in and subtracts
    /// transfers out, variable cost and fixed cost (not paid once the provider has left the market).</summary>
    public static ProviderTick Settle(int tick, ProviderSpec provider, IReadOnlyList<ProviderSpec> providers, double price, int population, ProviderDemand demand)
    {
        var revenue = demand.Billed;
        var cost = Cost(provider, demand, providers);
        var fixedCost = demand.InMarket ? provider.FixedCost : 0;
        var profit = Profit(revenue, demand.WholesaleIn, demand.WholesaleOut, cost, fixedCost);
        var causes = demand.ChurnOutByCause;
        return new ProviderTick(tick, provider.Index, demand.Subscribers, population == 0 ? 0 : (double)demand.Subscribers / population,
            demand.ChurnIn, demand.ChurnOut, price, revenue, profit, demand.MeanThroughputMbps,
            causes[0], causes[1], causes[2], demand.WholesaleIn, demand.WholesaleOut, provider.OwnsNetwork ? demand.CarriedLines : 0,
            cost, fixedCost, InMarket: demand.InMarket,
            ChurnOutOutage: causes.Count > (int)Choice.ChurnCause.Outage ? causes[(int)Choice.ChurnCause.Outage] : 0, OutageLocations: demand.OutageLocations);
    }

    /// <summary>The books' identity: profit = revenue + transfers in − transfers out − variable cost − fixed cost.</summary>
    public static double Profit(double revenue, double transfersIn, double transfersOut, double cost, double fixedCost)
        => revenue + transfersIn - transfersOut - cost - fixedCost;

    /// <summary>Cost per subscriber a provider prices against: <see cref="CostPerSubscriber"/> plus what it pays other
    /// providers per subscriber (wholesale, revenue shares). Users an ISP carries for others are not its customers'
    /// cost: they pay their way through the transfers.</summary>
    public static double UnitCost(ProviderSpec provider, IReadOnlyList<ProviderSpec> providers, ProviderDemand demand)
        => demand.Subscribers == 0
            ? CostPerSubscriber(provider, providers)
            : CostPerSubscriber(provider, providers) + demand.WholesaleOut / demand.Subscribers;
}
