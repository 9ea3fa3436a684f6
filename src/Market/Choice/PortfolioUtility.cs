using MarketSim.Market.Network;
using MarketSim.Market.Population;
using MarketSim.Market.Providers;

namespace MarketSim.Market.Choice;

/// <summary>
/// Money-metric utility of a portfolio for one user:
/// U = sum of brand qualities + v ln(1 + T / T_ref) - expected bills - battery (two radios) - switching (per new
///     provider) + inertia (if unchanged), with U = 0 for the outside option.
/// T is the throughput the user perceives: accesses it holds it sees exactly (a multihomed user sees both side
/// by side). An access it does not hold it judges by w × published measurement + (1 − w) × its own experience
/// (the mean rate of the accesses it holds; the advertised rate if it holds none): without information a user
/// has no reason to think another ISP is faster or slower than its own, so only a multihomed user, who can race
/// its ISPs, or published rankings (weight w) reveal a slow network. Bills follow each
/// access's <see cref="Tariff"/> at the perceived rate, with the user's traffic split over its accesses in
/// proportion to their rates (as MPTCP's scheduler does).
/// </summary>
public static class PortfolioUtility
{
    /// <summary>Utility of <paramref name="portfolio"/> for a user at <paramref name="location"/> now holding <paramref name="current"/>.</summary>
    public static double Of(
        Portfolio portfolio,
        Portfolio current,
        int location,
        double throughputValue,
        double usageGb,
        MarketStructure structure,
        PopulationSpec population,
        MarketView view)
    {
        if (portfolio.IsOutside) return portfolio.Index == current.Index ? population.Inertia : 0.0;
        int cell = structure.Cell(location, portfolio.Index);
        int accesses = portfolio.Providers.Count;
        Span<double> perceived = stackalloc double[accesses];
        double quality = 0, totalMbps = 0;
        int newProviders = 0;
        double w = population.PublicInformationWeight;
        double own = OwnExperienceMbps(current, location, structure, view);
        for (int slot = 0; slot < accesses; slot++)
        {
            int p = portfolio.Providers[slot];
            var provider = structure.Providers[p];
            quality += provider.Quality;
            double actual = view.Throughput.Mbps(cell, slot);
            bool held = current.Holds(p);
            if (!held) newProviders++;
            perceived[slot] = held ? actual : w * actual + (1 - w) * (double.IsNaN(own) ? provider.AdvertisedMbps : own);
            totalMbps += perceived[slot];
        }
        double bills = 0;
        for (int slot = 0; slot < accesses; slot++)
        {
            int p = portfolio.Providers[slot];
            double share = totalMbps > 0 ? perceived[slot] / totalMbps : 1.0 / accesses;
            bills += structure.Providers[p].Tariff.Bill(view.ProviderPrices[p], perceived[slot], usageGb * share);
        }
        double utility = quality
            + throughputValue * Math.Log(1 + totalMbps / population.ReferenceMbps)
            - bills
            - population.SwitchingCost * newProviders;
        if (portfolio.IsMultihomed) utility -= population.BatteryCost;
        if (portfolio.Index == current.Index) utility += population.Inertia;
        return utility;
    }

    /// <summary>Mean rate of the accesses the user holds now (NaN when it holds none).</summary>
    private static double OwnExperienceMbps(Portfolio current, int location, MarketStructure structure, MarketView view)
        => current.IsOutside
            ? double.NaN
            : view.Throughput.TotalMbps(structure.Cell(location, current.Index), current.Providers.Count) / current.Providers.Count;

    /// <summary>What a holder of <paramref name="portfolio"/> is billed by each of its providers this month, at the
    /// throughput actually delivered (the table's rates), into <paramref name="bills"/> by slot.</summary>
    public static void Bills(Portfolio portfolio, int location, double usageGb, MarketStructure structure, MarketView view, Span<double> bills)
    {
        int cell = structure.Cell(location, portfolio.Index);
        int accesses = portfolio.Providers.Count;
        double total = view.Throughput.TotalMbps(cell, accesses);
        for (int slot = 0; slot < accesses; slot++)
        {
            int p = portfolio.Providers[slot];
            double rate = view.Throughput.Mbps(cell, slot);
            double share = total > 0 ? rate / total : 1.0 / accesses;
            bills[slot] = structure.Providers[p].Tariff.Bill(view.ProviderPrices[p], rate, usageGb * share);
        }
    }
}
