namespace MarketSim.Market.Accounting;

/// <summary>A conservation law broken during a run: always a bug, never a modelling choice.</summary>
public sealed class InvariantViolationException(string message) : Exception(message);

/// <summary>
/// Conservation laws checked every tick: every user is counted exactly once; a provider's subscribers (from
/// cell counts) equal its contracts (counted user by user); its revenue equals its subscribers' payments;
/// subscribers move only by churn in and out.
/// </summary>
public static class MarketInvariants
{
    /// <summary>Throws <see cref="InvariantViolationException"/> naming the tick, law and provider that broke.</summary>
    public static void Check(int tick, int population, MarketTotals totals, IReadOnlyList<int> previousSubscribers,
        IReadOnlyList<ProviderTick> providers)
    {
        long counted = 0;
        foreach (int n in totals.CellCounts) counted += n;
        if (counted != population)
            throw new InvariantViolationException($"tick {tick}: {counted} users counted in cells, population is {population}");
        foreach (var row in providers)
        {
            int p = row.Provider;
            if (row.Subscribers != totals.Contracts[p])
                throw new InvariantViolationException($"tick {tick}, provider {p}: {row.Subscribers} subscribers but {totals.Contracts[p]} contracts");
            double payments = totals.Payments(p);
            if (Math.Abs(row.Revenue - payments) > 1e-9 * Math.Max(1.0, Math.Abs(payments)))
                throw new InvariantViolationException($"tick {tick}, provider {p}: revenue {row.Revenue} but payments {payments}");
            int expected = previousSubscribers[p] + row.ChurnIn - row.ChurnOut;
            if (row.Subscribers != expected)
                throw new InvariantViolationException($"tick {tick}, provider {p}: {row.Subscribers} subscribers, churn says {expected}");
        }
    }
}
