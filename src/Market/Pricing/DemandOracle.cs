using MarketSim.Market.Accounting;
using MarketSim.Market.Choice;
using MarketSim.Market.Providers;

namespace MarketSim.Market.Pricing;

/// <summary>
/// The one place where "what if" demand is computed: given the month's throughput table and candidate fee vectors, every
/// provider's expected subscribers, bills, transfers, cost and profit, summed exactly over the run's actual users
/// (their own price sensitivity, valuation, usage, location and device; inertia, switching and battery costs; tariffs
/// with rebates and allowances; wholesale prices and revenue shares).
/// <para>Demand is long-run demand: each user's contract reviews form a Markov chain over the K portfolios it can buy
/// (a reviewing user holding i picks j with the logit probability of utilities that include the inertia bonus for i and
/// switching costs for new contracts, and it judges unheld accesses from what i delivers), and the oracle weighs each
/// portfolio by that chain's stationary distribution. The review probability scales every off-diagonal move alike, so it
/// cancels, and so does the portfolio a user holds today: next month's demand barely moves with a fee when few users
/// review, and a provider that optimised against it would run off to its price ceiling.</para>
/// <para>Throughput is held at the table's rates (no congestion re-solve). Users are summed location by location (their
/// long-run demand per option, then booked once per location: see <see cref="AddLocation"/>), in fixed chunks of whole
/// locations in parallel, and the chunks' sums added in chunk order, so results do not depend on the thread count.</para>
/// </summary>
public sealed partial class DemandOracle
{
    private const int Fields = 5; // subscribers, carried lines, billed, transfers in, transfers out (cost follows from them)
    private readonly MarketStructure structure;
    private readonly PopulationSpec population;
    private readonly DemandPopulation users;
    private readonly int[] chunkStart; // [chunk]: first location of the chunk; [chunks] = Locations
    private readonly int maxContracts;
    private readonly LineTerm[][] linesOfCell;
    private readonly bool usageBilled; // some tariff bills traffic above an allowance
    private readonly ChoiceNests choice;
    private readonly long maxKeptFactors;

    /// <summary>An oracle over <paramref name="users"/> of the market <paramref name="structure"/>, summing whole locations
    /// in chunks of about <paramref name="chunkSize"/> users and keeping a month's factored rows while they take at most
    /// <paramref name="maxKeptFactors"/> doubles (more users recompute them in every sweep; the numbers are the same).</summary>
    public DemandOracle(MarketStructure structure, PopulationSpec population, DemandPopulation users, int chunkSize = 2048,
        long maxKeptFactors = DefaultMaxKeptFactors)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxKeptFactors);
        this.maxKeptFactors = maxKeptFactors;
        this.structure = structure;
        this.population = population;
        this.users = users;
        chunkStart = ChunksOfLocations(users.LocationStart, chunkSize);
        choice = ChoiceNests.Of(structure, population);
        maxContracts = structure.Catalogue.All.Max(p => p.Providers.Count);
        usageBilled = structure.Providers.Any(p => !double.IsPositiveInfinity(p.Tariff.AllowanceGb) && p.Tariff.OveragePerGb > 0);
        var partners = structure.Providers.Select(p => p.Sells.Accesses.Count(a => a != p.HomeNetwork)).ToArray(); // accesses outside its home network
        linesOfCell = new LineTerm[structure.CellCount][];
        for (var l = 0; l < structure.Locations; l++)
        {
            foreach (var portfolio in structure.Catalogue.All)
            {
                var lines = new List<LineTerm>();
                for (var slot = 0; slot < portfolio.Paths.Count; slot++)
                {
                    var path = portfolio.Paths[slot];
                    if (path.ViaProxyTransit || !structure.PathExists(l, portfolio, slot)) continue;
                    var spec = structure.Providers[path.Seller];
                    lines.Add(new LineTerm(path.Seller, path.Access, Carried: !(spec is ProductLineSpec line && line.Owner.Value == path.Access),
                        Transfers: path.Access != spec.HomeNetwork, Wholesale: spec.Kind == ProviderKind.Vmpo,
                        Contract: IndexOf(portfolio.Providers, path.Seller), spec.Sells.RevenueShare, partners[path.Seller]));
                }
                linesOfCell[structure.Cell(l, portfolio.Index)] = lines.ToArray();
            }
        }
    }

    /// <summary>One line a portfolio's path puts on an access network where a user lives: whether the network's owner
    /// counts it as carried (not for its own product lines), and what the seller pays the owner for it (a VMPO the
    /// wholesale price; a product line or bundle its revenue share of the contract's bill, split over its partners).</summary>
    private readonly record struct LineTerm(int Seller, int Access, bool Carried, bool Transfers, bool Wholesale, int Contract, double Share, int Partners);

    /// <summary>The market the oracle prices.</summary>
    public MarketStructure Structure => structure;

    /// <summary>Expected month of every provider at one fee vector.</summary>
    public ProviderExpectation[] Evaluate(int tick, ThroughputTable throughput, IReadOnlyList<double> fees)
        => Evaluate(tick, throughput, [fees])[0];

    /// <summary>Expected month of every provider at each candidate fee vector ([candidate][provider]); the fee-independent
    /// part of every user's utilities is computed once for all candidates.</summary>
    public ProviderExpectation[][] Evaluate(int tick, ThroughputTable throughput, IReadOnlyList<IReadOnlyList<double>> candidates)
    {
        ArgumentNullException.ThrowIfNull(throughput);
        var request = new SweepRequest(structure, Rows(candidates, nameof(candidates)), null);
        var total = Sweep(tick, throughput, request);
        return Enumerable.Range(0, request.Candidates).Select(g => Expectations(total, g)).ToArray();
    }

    /// <summary>Fee rows of <paramref name="vectors"/>, each checked to have one entry per provider.</summary>
    private double[][] Rows(IReadOnlyList<IReadOnlyList<double>> vectors, string name)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        foreach (var row in vectors)
        {
            if (row.Count != structure.ProviderCount) throw new ArgumentException($"Every candidate needs {structure.ProviderCount} fees.", name);
        }
        return vectors.Select(f => f.ToArray()).ToArray();
    }

    /// <summary>One pass over the users for a request: the booked fields of every variant, candidate and provider, summed
    /// over chunks of locations in parallel and the chunks added in chunk order.</summary>
    private double[] Sweep(int tick, ThroughputTable throughput, SweepRequest request)
    {
        var chunks = chunkStart.Length - 1;
        var partial = new double[chunks][];
        var size = request.Variants * request.Candidates * structure.ProviderCount * Fields;
        var month = Prepare(tick, throughput);
        try
        {
            Parallel.For(0, chunks, c =>
            {
                var sums = new double[size];
                var scratch = new Scratch(structure.Catalogue.Count, maxContracts, request.Candidates, request.Directions is not null,
                    GroupsUsers(request));
                LoadFactors(c, month, scratch);
                try
                {
                    for (var l = chunkStart[c]; l < chunkStart[c + 1]; l++) AddLocation(l, month, request, scratch, sums);
                }
                finally
                {
                    ReturnFactors(scratch);
                }
                partial[c] = sums;
            });
        }
        finally
        {
            Release(month);
        }
        var total = new double[size];
        foreach (var sums in partial) for (var k = 0; k < total.Length; k++) total[k] += sums[k];
        return total;
    }

    /// <summary>Every provider's expected month from the booked fields <paramref name="total"/> at position
    /// <paramref name="at"/> (a variant's candidate: see <see cref="SweepRequest"/>).</summary>
    private ProviderExpectation[] Expectations(double[] total, int at)
    {
        var providers = structure.ProviderCount;
        var result = new ProviderExpectation[providers];
        for (var p = 0; p < providers; p++)
        {
            var x = (at * providers + p) * Fields;
            var spec = structure.Providers[p];
            double subscribers = total[x], carried = total[x + 1];
            var cost = MarketAccounting.Cost(spec, carried, subscribers, structure.Providers);
            result[p] = new ProviderExpectation(subscribers, spec.OwnsNetwork ? carried : 0, total[x + 2], total[x + 3], total[x + 4], cost);
        }
        return result;
    }

    /// <summary>
    /// What every user at one location with one kind of device shares, for each (held, option) pair: the utility at zero
    /// fees of a user who values throughput at 0 (qualities and frictions), the log-throughput term its valuation
    /// multiplies, and each contract's fee weight (1 − rebate × perceived shortfall: bills are affine in the fees);
    /// per option, each contract's actual fee weight. Only the users' own alpha, valuation and usage remain per user.
    /// </summary>
    private sealed class ChoiceTable
    {
        public required int[] Options;
        public required double[] Base;          // [held, option]
        public required double[] LogThroughput; // [held, option]
        public required double[] FeeWeight;     // [held, option, contract]
        public required double[] BillSlope;     // [option, contract]
        public required bool RowsAlike;         // every held portfolio sees the same utilities: the chain is one logit draw
        public required bool FeeWeightsAlike;   // every held portfolio weighs each option's fees alike (flat tariffs)
    }

    private ChoiceTable[] BuildTables(MarketView zero, MarketView unit)
    {
        var catalogue = structure.Catalogue;
        var c = maxContracts;
        var tables = new ChoiceTable[structure.Locations * 2];
        // Locations in parallel: each writes only its own tables (a month's tables are built once per new throughput table).
        Parallel.For(0, structure.Locations, l =>
        {
            Span<double> perceived = stackalloc double[c];
            Span<double> atZero = stackalloc double[c];
            Span<double> atUnit = stackalloc double[c];
            for (var capable = 0; capable < 2; capable++)
            {
                var options = structure.Available(l, capable == 1).ToArray();
                var k = options.Length;
                var t = new ChoiceTable
                {
                    Options = options, Base = new double[k * k], LogThroughput = new double[k * k], FeeWeight = new double[k * k * c],
                    BillSlope = new double[k * c], RowsAlike = true, FeeWeightsAlike = true,
                };
                for (var held = 0; held < k; held++)
                {
                    var current = catalogue[options[held]];
                    for (var o = 0; o < k; o++)
                    {
                        var option = catalogue[options[o]];
                        var plain = PortfolioUtility.Parts(option, current, l, 0, 0, structure, population, zero);
                        var valued = PortfolioUtility.Parts(option, current, l, 1, 0, structure, population, zero);
                        t.Base[held * k + o] = plain.Total;
                        t.LogThroughput[held * k + o] = valued.Value - plain.Value;
                        if (option.IsOutside) continue;
                        var mbps = perceived[..option.Providers.Count];
                        PortfolioUtility.PerceivedContractMbps(option, current, l, structure, population, zero, mbps);
                        for (var contract = 0; contract < mbps.Length; contract++)
                        {
                            var tariff = structure.Providers[option.Providers[contract]].Tariff;
                            t.FeeWeight[(held * k + o) * c + contract] = tariff.Bill(1, mbps[contract], 0) - tariff.Bill(0, mbps[contract], 0);
                        }
                    }
                }
                for (var held = 1; held < k; held++)
                    for (var x = 0; x < k * c; x++) t.FeeWeightsAlike &= t.FeeWeight[held * k * c + x] == t.FeeWeight[x];
                for (var held = 1; held < k && t.RowsAlike; held++)
                {
                    for (var x = 0; x < k * c; x++) t.RowsAlike &= t.FeeWeight[held * k * c + x] == t.FeeWeight[x];
                    for (var o = 0; o < k; o++)
                        t.RowsAlike &= t.Base[held * k + o] == t.Base[o] && t.LogThroughput[held * k + o] == t.LogThroughput[o];
                }
                for (var o = 0; o < k; o++)
                {
                    var option = catalogue[options[o]];
                    if (option.IsOutside) continue;
                    var n = option.Providers.Count;
                    PortfolioUtility.Bills(option, l, 0, structure, zero, atZero[..n]);
                    PortfolioUtility.Bills(option, l, 0, structure, unit, atUnit[..n]);
                    for (var contract = 0; contract < n; contract++) t.BillSlope[o * c + contract] = atUnit[contract] - atZero[contract];
                }
                tables[l * 2 + capable] = t;
            }
        });
        return tables;
    }

    /// <summary>Chunks of whole locations of at least <paramref name="users"/> users each (the last may have fewer):
    /// fixed by the population, so the order of the sums is too.</summary>
    private static int[] ChunksOfLocations(int[] locationStart, int users)
    {
        var starts = new List<int> { 0 };
        var locations = locationStart.Length - 1;
        for (var l = 0; l < locations; l++)
        {
            if (locationStart[l + 1] - locationStart[starts[^1]] >= users && l + 1 < locations) starts.Add(l + 1);
        }
        starts.Add(locations);
        return [.. starts];
    }

    private static int IndexOf(IReadOnlyList<int> sellers, int seller)
    {
        for (var k = 0; k < sellers.Count; k++) if (sellers[k] == seller) return k;
        return -1;
    }
}
