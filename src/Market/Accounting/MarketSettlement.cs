using MarketSim.Market.Network;
using MarketSim.Market.Providers;

namespace MarketSim.Market.Accounting;

/// <summary>What the market hands each provider to close its month: its demand, and the market's connected share.</summary>
/// <param name="Demands">Per provider, by index.</param>
/// <param name="ConnectedShare">Users holding any plan over all users.</param>
public sealed record MonthDemand(IReadOnlyList<ProviderDemand> Demands, double ConnectedShare);

/// <summary>A closed month: the market row and the provider rows with their net present value filled in.</summary>
/// <param name="Market">Market-wide metrics (surplus, welfare).</param>
/// <param name="Providers">Provider rows, by index.</param>
public sealed record ClosedMonth(MarketTick Market, IReadOnlyList<ProviderTick> Providers);

/// <summary>
/// The month's settlement of one run, as pure code the clock only calls: from the users' totals and the solved
/// throughput it derives each provider's demand (subscribers, carried lines, bills, transfers between providers); once
/// the providers have closed their books it checks conservation, discounts profit into each provider's net present
/// value, finds its break-even month, applies the exit rule and builds the market row (consumer and producer surplus,
/// welfare). It keeps the little state a run needs across months: last month's subscribers, each provider's running
/// value and whether it is still in the market.
/// </summary>
public sealed class MarketSettlement
{
    private readonly MarketSpec spec;
    private readonly MarketStructure structure;
    private readonly double monthlyDiscount;
    private readonly double[] npv;
    private readonly int[] breakEven;
    private readonly int[] monthsInLoss;
    private readonly bool[] inMarket;
    private int[] previousSubscribers;

    /// <summary>A run's settlement, before month 0.</summary>
    public MarketSettlement(MarketSpec spec, MarketStructure structure)
    {
        ArgumentNullException.ThrowIfNull(spec);
        this.spec = spec;
        this.structure = structure;
        var n = spec.Providers.Count;
        // A yearly rate r discounts month t by (1 + r)^(-t/12): compounding monthly at the equivalent rate.
        monthlyDiscount = Math.Pow(1 + spec.DiscountRate, -1.0 / 12);
        npv = spec.Providers.Select(p => -p.EntryCost).ToArray();
        breakEven = Enumerable.Repeat(-1, n).ToArray();
        monthsInLoss = new int[n];
        inMarket = Enumerable.Repeat(true, n).ToArray();
        previousSubscribers = new int[n];
    }

    /// <summary>Whether each provider is still in the market (a user cannot buy a plan of one that left).</summary>
    public IReadOnlyList<bool> InMarket => inMarket;

    /// <summary>True when some provider has left the market.</summary>
    public bool AnyExited => Array.Exists(inMarket, x => !x);

    /// <summary>Per portfolio: true if it can no longer be bought because a provider selling it or carrying one of its
    /// paths has left the market. Null while every provider is in.</summary>
    public IReadOnlyList<bool>? Withdrawn()
    {
        if (!AnyExited) return null;
        var withdrawn = new bool[structure.Catalogue.Count];
        foreach (var portfolio in structure.Catalogue.All)
        {
            var gone = portfolio.Providers.Any(p => !inMarket[p]) || portfolio.Paths.Any(path => !inMarket[path.Access]);
            withdrawn[portfolio.Index] = gone;
        }
        return withdrawn;
    }

    /// <summary>Each provider's demand this month from the users' totals, the fees charged and the solved throughput
    /// (with the month's <paramref name="outages"/> already applied to it when networks can fail).</summary>
    public MonthDemand Demands(MarketTotals totals, IReadOnlyList<double> prices, ThroughputTable throughput, OutageMonth? outages = null)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var subscribers = MarketAccounting.Subscribers(structure, totals.CellCounts);
        var lines = MoneyFlows.LinesBySellerAndAccess(structure, totals.CellCounts);
        var carried = MarketAccounting.Carried(structure, lines);
        var meanMbps = MarketAccounting.MeanThroughput(structure, totals.CellCounts, throughput);
        var transfers = MoneyFlows.Compute(structure, lines, subscribers, totals.PaymentMicros, prices);
        var demands = new ProviderDemand[structure.ProviderCount];
        for (var p = 0; p < demands.Length; p++)
        {
            demands[p] = new ProviderDemand(subscribers[p], carried[p], totals.ChurnIn[p], totals.ChurnOut[p], totals.ChurnOutCauses(p), meanMbps[p],
                totals.Payments(p), MoneyFlows.ReceivedBy(transfers, p), MoneyFlows.PaidBy(transfers, p), inMarket[p],
                outages?.LocationsOut(p) ?? 0);
        }
        var users = spec.Population.Users;
        var connectedShare = users == 0 ? 0 : (double)MarketAccounting.Connected(structure, totals.CellCounts) / users;
        return new MonthDemand(demands, connectedShare);
    }

    /// <summary>
    /// Closes month <paramref name="tick"/> from the providers' books: checks conservation (throws
    /// <see cref="InvariantViolationException"/>), adds the month's discounted profit to each provider's value, records its
    /// break-even month, applies the exit rule (a provider whose profit has been negative for its set number of months in
    /// a row leaves from next month) and builds the market row.
    /// </summary>
    public ClosedMonth Close(int tick, MarketTotals totals, IReadOnlyList<ProviderTick> books)
    {
        ArgumentNullException.ThrowIfNull(books);
        // Month 0 is the starting market: nobody has moved yet, so its subscribers are their own predecessors.
        if (tick == 0) previousSubscribers = books.Select(r => r.Subscribers).ToArray();
        MarketInvariants.Check(tick, spec.Population.Users, totals, previousSubscribers, books, spec.Providers);
        var discount = Math.Pow(monthlyDiscount, tick);
        var rows = new ProviderTick[books.Count];
        for (var p = 0; p < books.Count; p++)
        {
            var row = books[p];
            npv[p] += row.Profit * discount;
            if (breakEven[p] < 0 && npv[p] >= 0) breakEven[p] = tick;
            rows[p] = row with { Npv = npv[p], BreakEvenMonth = breakEven[p] };
            var exitAfter = spec.Providers[p].ExitAfterMonths;
            if (!inMarket[p] || exitAfter <= 0) continue;
            monthsInLoss[p] = row.Profit < 0 ? monthsInLoss[p] + 1 : 0;
            if (monthsInLoss[p] >= exitAfter) inMarket[p] = false;
        }
        previousSubscribers = books.Select(r => r.Subscribers).ToArray();
        var market = MarketTick.From(tick, structure, totals, rows, afterReviews: tick > 0, spec.WelfareSurplus);
        MarketInvariants.CheckWelfare(market, rows);
        return new ClosedMonth(market, rows);
    }
}
