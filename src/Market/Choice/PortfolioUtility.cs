using MarketSim.Market.Providers;

namespace MarketSim.Market.Choice;

/// <summary>
/// Money-metric utility of a portfolio for one user:
/// U = sum of the sellers' brand qualities + v ln(1 + T / T_ref) - downtime cost × expected downtime hours - expected
///     bills - battery (two radios) - switching (per new contract) + inertia (if unchanged), with U = 0 for the outside option.
/// T is the throughput the user perceives over the portfolio's paths: paths of plans it holds it sees exactly (a
/// multihomed user sees both accesses side by side). A path of a plan it does not hold it judges by
/// w × published measurement + (1 − w) × its own experience (the mean rate of its own paths; the access's advertised
/// rate if it holds none): without information a user has no reason to think another ISP is faster or slower than its
/// own, so only a multihomed user, who can race its ISPs, or published rankings (weight w) reveal a slow network. A
/// path whose access has no coverage where the user lives gives nothing, and the user knows it. Each contract is
/// billed by its seller's <see cref="Tariff"/> at the rate of its paths, with the user's traffic split over contracts
/// in proportion to their rates (as MPTCP's scheduler does).
/// </summary>
public static class PortfolioUtility
{
    /// <summary>Utility of <paramref name="portfolio"/> for a user at <paramref name="location"/> now holding <paramref name="current"/>.</summary>
    public static double Of(Portfolio portfolio, Portfolio current, int location, double throughputValue, double usageGb,
        MarketStructure structure, PopulationSpec population, MarketView view)
        => Parts(portfolio, current, location, throughputValue, usageGb, structure, population, view).Total;

    /// <summary>The utility split into what the portfolio is worth, what it costs and the frictions (for churn causes).</summary>
    public static UtilityParts Parts(Portfolio portfolio, Portfolio current, int location, double throughputValue, double usageGb,
        MarketStructure structure, PopulationSpec population, MarketView view)
        => PartsAndLogThroughput(portfolio, current, location, throughputValue, usageGb, structure, population, view, out _);

    /// <summary><see cref="Parts"/>, also giving <paramref name="logThroughput"/> = ln(1 + T / T_ref) of the perceived throughput (0 for the outside
    /// option): the decision kernel's month table takes both from one evaluation.</summary>
    public static UtilityParts PartsAndLogThroughput(Portfolio portfolio, Portfolio current, int location, double throughputValue, double usageGb,
        MarketStructure structure, PopulationSpec population, MarketView view, out double logThroughput)
    {
        var inertia = portfolio.Index == current.Index ? population.Inertia : 0.0;
        logThroughput = 0;
        if (portfolio.IsOutside) return new UtilityParts(0, 0, inertia);
        var sellers = portfolio.SellerArray;
        Span<double> contractMbps = stackalloc double[sellers.Length];
        var totalMbps = PerceivedContractMbps(portfolio, current, location, structure, population, view, contractMbps);
        double quality = 0, bills = 0;
        var newContracts = 0;
        for (var k = 0; k < sellers.Length; k++)
        {
            var seller = sellers[k];
            var provider = structure.Providers[seller];
            quality += provider.Quality;
            if (!current.Holds(seller)) newContracts++;
            var share = totalMbps > 0 ? contractMbps[k] / totalMbps : 1.0 / sellers.Length;
            bills += provider.Tariff.Bill(view.ProviderPrices[seller], contractMbps[k], usageGb * share);
        }
        logThroughput = Math.Log(1 + totalMbps / population.ReferenceMbps);
        var value = quality + throughputValue * logThroughput;
        if (population.DowntimeCost > 0) value -= population.DowntimeCost * structure.ExpectedDowntimeHours(location, portfolio);
        var frictions = inertia - population.SwitchingCost * newContracts - (structure.UsesTwoRadiosAt(location, portfolio) ? population.BatteryCost : 0);
        return new UtilityParts(value, bills, frictions);
    }

    /// <summary>What a user now holding <paramref name="current"/> expects each contract of <paramref name="portfolio"/> to
    /// deliver, Mbit/s, into <paramref name="contractMbps"/> (seller order); returns the total. Separate from
    /// <see cref="Parts"/> so that the demand oracle can write the bills as affine functions of the fees.</summary>
    public static double PerceivedContractMbps(Portfolio portfolio, Portfolio current, int location, MarketStructure structure,
        PopulationSpec population, MarketView view, Span<double> contractMbps)
    {
        var cell = structure.Cell(location, portfolio.Index);
        var paths = portfolio.PathArray;
        var contractOf = portfolio.ContractOfPath;
        contractMbps.Clear();
        var w = population.PublicInformationWeight;
        var own = OwnExperienceMbps(current, location, structure, view);
        double totalMbps = 0;
        for (var slot = 0; slot < paths.Length; slot++)
        {
            var path = paths[slot];
            var actual = view.Throughput.Mbps(cell, slot);
            double perceived;
            if (!structure.PathExists(location, portfolio, slot)) perceived = 0;
            else if (current.Holds(path.Seller)) perceived = actual;
            // A proxy's second route shares its access's radio: without measurements the user expects one access's
            // worth from both routes together, so the second route adds only what published data show.
            else
            {
                // Word of mouth and crowd measurements (when on) raise the weight on the measured rate in the location.
                var weight = view.Beliefs is null ? w : view.Beliefs.Weight(location, path.Access, w);
                perceived = path.ViaProxyTransit ? weight * actual
                    : weight * actual + (1 - weight) * (double.IsNaN(own) ? structure.Isp(path.Access).AdvertisedMbps : own);
            }
            totalMbps += perceived;
            contractMbps[contractOf[slot]] += perceived;
        }
        return totalMbps;
    }

    /// <summary>What a holder of <paramref name="portfolio"/> is billed under each of its contracts this month, at the
    /// throughput actually delivered (the table's rates), into <paramref name="bills"/> by contract (seller order).</summary>
    public static void Bills(Portfolio portfolio, int location, double usageGb, MarketStructure structure, MarketView view, Span<double> bills)
    {
        var cell = structure.Cell(location, portfolio.Index);
        var sellers = portfolio.SellerArray;
        var contractOf = portfolio.ContractOfPath;
        Span<double> contractMbps = stackalloc double[sellers.Length];
        contractMbps.Clear();
        for (var slot = 0; slot < contractOf.Length; slot++) contractMbps[contractOf[slot]] += view.Throughput.Mbps(cell, slot);
        var total = view.Throughput.TotalMbps(cell, contractOf.Length);
        for (var k = 0; k < sellers.Length; k++)
        {
            var seller = sellers[k];
            var share = total > 0 ? contractMbps[k] / total : 1.0 / sellers.Length;
            bills[k] = structure.Providers[seller].Tariff.Bill(view.ProviderPrices[seller], contractMbps[k], usageGb * share);
        }
    }

    /// <summary>Mean rate per access the user holds where it lives: its total rate over the accesses (lines) it uses,
    /// a proxy's two routes counting as one access (NaN when it holds nothing there).</summary>
    private static double OwnExperienceMbps(Portfolio current, int location, MarketStructure structure, MarketView view)
    {
        if (current.IsOutside) return double.NaN;
        var lines = structure.LinesAt(location, current);
        if (lines == 0) return double.NaN;
        var cell = structure.Cell(location, current.Index);
        return view.Throughput.TotalMbps(cell, current.Paths.Count) / lines;
    }
}
