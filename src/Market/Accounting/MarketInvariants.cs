namespace MarketSim.Market.Accounting;

/// <summary>A conservation law broken during a run: always a bug, never a modelling choice.</summary>
public sealed class InvariantViolationException(string message) : Exception(message);

/// <summary>
/// Conservation laws checked every tick: every user is counted exactly once; a provider's subscribers (from
/// cell counts) equal its contracts (counted user by user); its revenue equals its subscribers' payments;
/// subscribers move only by churn in and out, and every departure has exactly one cause; money between providers
/// is conserved (what is paid as wholesale or revenue share is received) and profit is revenue plus transfers in
/// minus transfers out minus costs, so the providers' profits and costs add up to exactly what users paid.
/// </summary>
public static class MarketInvariants
{
    /// <summary>Throws <see cref="InvariantViolationException"/> naming the tick, law and provider that broke.</summary>
    public static void Check(int tick, int population, MarketTotals totals, IReadOnlyList<int> previousSubscribers,
        IReadOnlyList<ProviderTick> providers, IReadOnlyList<Providers.ProviderSpec> specs)
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
            if (row.ChurnOutPrice + row.ChurnOutPerformance + row.ChurnOutBundle != row.ChurnOut)
                throw new InvariantViolationException($"tick {tick}, provider {p}: causes of churn add up to "
                    + $"{row.ChurnOutPrice + row.ChurnOutPerformance + row.ChurnOutBundle}, churn out is {row.ChurnOut}");
            var spec = specs[p];
            double cost = MarketAccounting.Cost(spec, row.CarriedLines, row.Subscribers, specs);
            double books = row.Revenue + row.WholesaleIn - row.WholesaleOut - cost;
            if (Math.Abs(row.Profit - books) > 1e-9 * Math.Max(1.0, Math.Abs(books)))
                throw new InvariantViolationException($"tick {tick}, provider {p}: profit {row.Profit} but books say {books}");
        }
        double paid = providers.Sum(r => r.WholesaleOut), received = providers.Sum(r => r.WholesaleIn);
        if (Math.Abs(paid - received) > 1e-6)
            throw new InvariantViolationException($"tick {tick}: providers paid {paid} to each other but received {received}");
    }
}
