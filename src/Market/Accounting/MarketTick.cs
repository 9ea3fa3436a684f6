using MarketSim.Market.Providers;

namespace MarketSim.Market.Accounting;

/// <summary>
/// Market-wide metrics of one tick (the row the recorder writes next to the provider rows).
/// </summary>
/// <param name="Tick">Month.</param>
/// <param name="Users">All end users.</param>
/// <param name="Connected">Users holding at least one access.</param>
/// <param name="Multihomed">Users holding two accesses pooled by MPTCP (MPTCP in use).</param>
/// <param name="Hhi">Herfindahl-Hirschman index of subscriptions, 0..10000.</param>
/// <param name="ConsumerSurplus">Mean over users of the logit log-sum, money per user per month; NaN at month 0
/// (before any review: the starting market is given, not chosen).</param>
/// <param name="Reviews">Users who reviewed their contracts this month.</param>
public sealed record MarketTick(int Tick, int Users, int Connected, int Multihomed, double Hhi, double ConsumerSurplus, long Reviews)
{
    /// <summary>Computes the market row from the cell counts and the provider rows.</summary>
    public static MarketTick From(int tick, MarketStructure structure, MarketTotals totals, IReadOnlyList<ProviderTick> providers, bool afterReviews)
    {
        int users = 0, connected = 0, multihomed = 0;
        for (int l = 0; l < structure.Locations; l++)
        {
            foreach (var portfolio in structure.Catalogue.All)
            {
                int n = totals.CellCounts[structure.Cell(l, portfolio.Index)];
                users += n;
                if (!portfolio.IsOutside) connected += n;
                if (portfolio.IsMultihomed) multihomed += n;
            }
        }
        double subscriptions = providers.Sum(p => (double)p.Subscribers);
        double hhi = subscriptions == 0 ? 0 : providers.Sum(p => Math.Pow(100 * p.Subscribers / subscriptions, 2));
        double surplus = afterReviews && users > 0 ? totals.ConsumerSurplusMicros / 1e6 / users : double.NaN;
        return new MarketTick(tick, users, connected, multihomed, hhi, surplus, totals.Reviews);
    }
}
