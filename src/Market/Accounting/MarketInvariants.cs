namespace MarketSim.Market.Accounting;

/// <summary>A conservation law broken during a run: always a bug, never a modelling choice.</summary>
public sealed class InvariantViolationException(string message) : Exception(message);

/// <summary>
/// Conservation laws checked every tick: every user is counted exactly once; a provider's subscribers (from
/// cell counts) equal its contracts (counted user by user); its revenue equals its subscribers' payments;
/// subscribers move only by churn in and out, and every departure has exactly one cause; money between providers
/// is conserved (what is paid as wholesale or revenue share is received) and profit is revenue plus transfers in
/// minus transfers out minus variable and fixed costs, so the providers' profits and costs add up to exactly what users
/// paid; the recorded cost is the provider's cost rule applied to its lines and subscribers, its fixed cost the
/// configured one while it is in the market; producer surplus is the sum of profits per user and welfare is consumer
/// plus producer surplus.
/// </summary>
public static class MarketInvariants
{
    /// <summary>Throws <see cref="InvariantViolationException"/> naming the tick, law and provider that broke.</summary>
    public static void Check(int tick, int population, MarketTotals totals, IReadOnlyList<int> previousSubscribers,
        IReadOnlyList<ProviderTick> providers, IReadOnlyList<Providers.ProviderSpec> specs)
    {
        long counted = 0;
        foreach (var n in totals.CellCounts) counted += n;
        if (counted != population)
            throw new InvariantViolationException($"tick {tick}: {counted} users counted in cells, population is {population}");
        foreach (var row in providers)
        {
            var p = row.Provider;
            if (row.Subscribers != totals.Contracts[p])
                throw new InvariantViolationException($"tick {tick}, provider {p}: {row.Subscribers} subscribers but {totals.Contracts[p]} contracts");
            var payments = totals.Payments(p);
            if (Math.Abs(row.Revenue - payments) > 1e-9 * Math.Max(1.0, Math.Abs(payments)))
                throw new InvariantViolationException($"tick {tick}, provider {p}: revenue {row.Revenue} but payments {payments}");
            var expected = previousSubscribers[p] + row.ChurnIn - row.ChurnOut;
            if (row.Subscribers != expected)
                throw new InvariantViolationException($"tick {tick}, provider {p}: {row.Subscribers} subscribers, churn says {expected}");
            var byCause = row.ChurnOutPrice + row.ChurnOutPerformance + row.ChurnOutBundle + row.ChurnOutOutage;
            if (byCause != row.ChurnOut)
                throw new InvariantViolationException($"tick {tick}, provider {p}: causes of churn add up to {byCause}, churn out is {row.ChurnOut}");
            var spec = specs[p];
            var cost = MarketAccounting.Cost(spec, row.CarriedLines, row.Subscribers, specs);
            if (Math.Abs(row.Cost - cost) > 1e-9 * Math.Max(1.0, Math.Abs(cost)))
                throw new InvariantViolationException($"tick {tick}, provider {p}: cost {row.Cost} but its lines and subscribers cost {cost}");
            var fixedCost = row.InMarket ? spec.FixedCost : 0;
            if (row.FixedCost != fixedCost)
                throw new InvariantViolationException($"tick {tick}, provider {p}: fixed cost {row.FixedCost}, configured {fixedCost}");
            var books = MarketAccounting.Profit(row.Revenue, row.WholesaleIn, row.WholesaleOut, cost, fixedCost);
            if (Math.Abs(row.Profit - books) > 1e-9 * Math.Max(1.0, Math.Abs(books)))
                throw new InvariantViolationException($"tick {tick}, provider {p}: profit {row.Profit} but books say {books}");
        }
        double paid = providers.Sum(r => r.WholesaleOut), received = providers.Sum(r => r.WholesaleIn);
        if (Math.Abs(paid - received) > 1e-6)
            throw new InvariantViolationException($"tick {tick}: providers paid {paid} to each other but received {received}");
    }

    /// <summary>Producer surplus is the providers' profits per user; welfare is consumer (the measure the market row
    /// names) plus producer surplus. Throws <see cref="InvariantViolationException"/>.</summary>
    public static void CheckWelfare(MarketTick market, IReadOnlyList<ProviderTick> providers)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(providers);
        var producer = market.Users == 0 ? double.NaN : providers.Sum(r => r.Profit) / market.Users;
        if (!SameOrBothNaN(market.ProducerSurplus, producer))
            throw new InvariantViolationException($"tick {market.Tick}: producer surplus {market.ProducerSurplus} but profits per user are {producer}");
        var welfare = market.WelfareConsumerSurplus + market.ProducerSurplus;
        if (!SameOrBothNaN(market.Welfare, welfare))
            throw new InvariantViolationException($"tick {market.Tick}: welfare {market.Welfare} but consumer + producer surplus is {welfare}");
    }

    private static bool SameOrBothNaN(double a, double b)
        => (double.IsNaN(a) && double.IsNaN(b)) || Math.Abs(a - b) <= 1e-9 * Math.Max(1.0, Math.Abs(b));
}
