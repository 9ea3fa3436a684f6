using MarketSim.Market.Providers;

namespace MarketSim.Market.Accounting;

/// <summary>
/// Market-wide metrics of one tick (the row the recorder writes next to the provider rows).
/// </summary>
/// <param name="Tick">Month.</param>
/// <param name="Users">All end users.</param>
/// <param name="Connected">Users holding at least one access.</param>
/// <param name="Multihomed">Users holding contracts with two providers (two bills, use case 3A).</param>
/// <param name="Hhi">Herfindahl-Hirschman index of subscriptions, 0..10000.</param>
/// <param name="ConsumerSurplus">Mean over users of the logit log-sum, money per user per month; NaN at month 0
/// (before any review: the starting market is given, not chosen).</param>
/// <param name="Reviews">Users who reviewed their contracts this month.</param>
/// <param name="Multipath">Users whose portfolio has more than one path (MPTCP in use, on the device or in a proxy).</param>
/// <param name="MptcpCapable">Users whose device can run MPTCP this month.</param>
/// <param name="Segments">Per-segment sums (see <see cref="Population.UserSegment"/>); at month 0 only the head counts.</param>
/// <param name="RealisedSurplus">Mean over users of the realised consumer surplus (<see cref="Population.RealisedSurplus"/>),
/// money per user per month; NaN at month 0.</param>
/// <param name="ProducerSurplus">Sum of every provider's profit over all users, money per user per month (transfers
/// between providers cancel in the sum).</param>
/// <param name="Welfare">Consumer surplus (the measure <paramref name="WelfareSurplus"/>) + producer surplus, money per
/// user per month; NaN at month 0.</param>
/// <param name="WelfareSurplus">Which consumer surplus <paramref name="Welfare"/> counts.</param>
public sealed record MarketTick(int Tick, int Users, int Connected, int Multihomed, double Hhi, double ConsumerSurplus, long Reviews,
    int Multipath, int MptcpCapable, Choice.SegmentTally Segments, double RealisedSurplus = double.NaN, double ProducerSurplus = double.NaN,
    double Welfare = double.NaN, SurplusMeasure WelfareSurplus = SurplusMeasure.Realised)
{
    /// <summary>The consumer surplus welfare counts.</summary>
    public double WelfareConsumerSurplus => WelfareSurplus == SurplusMeasure.Realised ? RealisedSurplus : ConsumerSurplus;

    /// <summary>Computes the market row from the cell counts and the provider rows.</summary>
    public static MarketTick From(int tick, MarketStructure structure, MarketTotals totals, IReadOnlyList<ProviderTick> providers, bool afterReviews,
        SurplusMeasure welfareSurplus = SurplusMeasure.Realised)
    {
        int users = 0, connected = 0, multihomed = 0, multipath = 0;
        for (var l = 0; l < structure.Locations; l++)
        {
            foreach (var portfolio in structure.Catalogue.All)
            {
                var n = totals.CellCounts[structure.Cell(l, portfolio.Index)];
                users += n;
                if (!portfolio.IsOutside) connected += n;
                if (portfolio.IsMultihomed) multihomed += n;
                if (structure.IsMultipathAt(l, portfolio)) multipath += n;
            }
        }
        var subscriptions = providers.Sum(p => (double)p.Subscribers);
        var hhi = subscriptions == 0 ? 0 : providers.Sum(p => Math.Pow(100 * p.Subscribers / subscriptions, 2));
        var surplus = afterReviews && users > 0 ? totals.ConsumerSurplusMicros / 1e6 / users : double.NaN;
        var realised = afterReviews && users > 0 ? totals.RealisedSurplusMicros / 1e6 / users : double.NaN;
        var producer = users > 0 ? providers.Sum(p => p.Profit) / users : double.NaN;
        long mptcpCapable = 0;
        for (var s = 0; s < totals.Segments.Segments; s++) if (Population.UserSegment.IsMptcp(s)) mptcpCapable += totals.Segments.Users[s];
        var consumer = welfareSurplus == SurplusMeasure.Realised ? realised : surplus;
        return new MarketTick(tick, users, connected, multihomed, hhi, surplus, totals.Reviews, multipath, (int)mptcpCapable, totals.Segments,
            realised, producer, consumer + producer, welfareSurplus);
    }
}
