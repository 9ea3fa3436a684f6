using MarketSim.Market.Choice;
using MarketSim.Market.Providers;
using MarketSim.Market.Randomness;

namespace MarketSim.Market.Population;

/// <summary>
/// A contiguous block of end users stored as arrays (structure of arrays): the unit an end-user actor owns.
/// Users are numbered globally; every draw is keyed by the global user id, so a user's traits and decisions do
/// not depend on the block size (block size 1 gives the same market as one block of everyone).
/// </summary>
public sealed class UserBlock
{
    private readonly MarketStructure structure;
    private readonly PopulationSpec population;
    private readonly CounterRandom random;
    private readonly int[] location;
    private readonly bool[] mptcp;
    private readonly double[] priceSensitivity;
    private readonly double[] throughputValue;
    private readonly double[] usageGb;
    private readonly int[] portfolio;

    private UserBlock(MarketStructure structure, PopulationSpec population, CounterRandom random, long firstUser, int count)
    {
        this.structure = structure;
        this.population = population;
        this.random = random;
        FirstUser = firstUser;
        location = new int[count];
        mptcp = new bool[count];
        priceSensitivity = new double[count];
        throughputValue = new double[count];
        usageGb = new double[count];
        portfolio = new int[count];
    }

    /// <summary>Global id of the first user of the block.</summary>
    public long FirstUser { get; }

    /// <summary>Number of users in the block.</summary>
    public int Count => portfolio.Length;

    /// <summary>Draws the users [firstUser, firstUser + count) and their starting portfolios.</summary>
    public static UserBlock Create(MarketStructure structure, PopulationSpec population, CounterRandom random, long firstUser, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var block = new UserBlock(structure, population, random, firstUser, count);
        for (int i = 0; i < count; i++)
        {
            long user = firstUser + i;
            int l = UserTraits.Location(random, user, structure.Locations);
            block.location[i] = l;
            block.mptcp[i] = UserTraits.MptcpCapable(random, user, population.MptcpShare);
            block.priceSensitivity[i] = population.MeanPriceSensitivity
                * UserTraits.MeanOneLogNormal(random, RandomStream.PriceSensitivity, user, population.PriceSensitivitySpread);
            block.throughputValue[i] = population.ThroughputValue
                * UserTraits.MeanOneLogNormal(random, RandomStream.ThroughputValuation, user, population.ThroughputValueSpread);
            block.usageGb[i] = population.UsageGb
                * UserTraits.MeanOneLogNormal(random, RandomStream.Usage, user, population.UsageSpread);
            block.portfolio[i] = UserTraits.InitialPortfolio(random, user, l, structure);
        }
        return block;
    }

    /// <summary>Number of (location, portfolio) cells of the market the block lives in.</summary>
    public int CellCount => structure.CellCount;

    /// <summary>Location of the i-th user of the block.</summary>
    public int LocationOf(int i) => location[i];

    /// <summary>Portfolio index the i-th user of the block holds.</summary>
    public int PortfolioOf(int i) => portfolio[i];

    /// <summary>
    /// Copies the block's users as they stand into caller-owned spans of length <see cref="Count"/>, in user order:
    /// location, device, portfolio index and this month's bill (sum over the portfolio's accesses). The bill is the
    /// one <see cref="Review"/> charged with the same <paramref name="billing"/> view, recomputed here so the block
    /// keeps no per-user bill array when nobody asks for per-user output; with no view (month 0, before anything
    /// was measured) it is the plain monthly fees, as the starting market is billed.
    /// </summary>
    public void CopyStates(MarketView? billing, Span<int> locations, Span<bool> mptcpCapable, Span<int> portfolios, Span<double> bills)
    {
        int n = portfolio.Length;
        if (locations.Length != n || mptcpCapable.Length != n || portfolios.Length != n || bills.Length != n)
            throw new ArgumentException($"Every span needs exactly {n} entries (the block's users).");
        location.CopyTo(locations);
        mptcp.CopyTo(mptcpCapable);
        portfolio.CopyTo(portfolios);
        var catalogue = structure.Catalogue;
        Span<double> slots = stackalloc double[catalogue.MaxAccesses];
        for (int i = 0; i < n; i++)
        {
            var held = catalogue[portfolio[i]];
            double bill = 0;
            if (billing is null)
            {
                foreach (int p in held.Providers) bill += structure.Providers[p].InitialPrice;
            }
            else if (!held.IsOutside)
            {
                PortfolioUtility.Bills(held, location[i], usageGb[i], structure, billing, slots);
                for (int slot = 0; slot < held.Providers.Count; slot++) bill += slots[slot];
            }
            bills[i] = bill;
        }
    }

    /// <summary>Adds the block's users to the per-(location, portfolio) counts.</summary>
    public void AddCellCounts(Span<int> cellCounts)
    {
        for (int i = 0; i < portfolio.Length; i++) cellCounts[structure.Cell(location[i], portfolio[i])]++;
    }

    /// <summary>
    /// One tick of contract reviews: each user reviews with the configured probability and, if so, picks a
    /// portfolio by logit over what its location and device allow. Returns the block's counts after the tick.
    /// </summary>
    public BlockOutcome Review(MarketView view)
    {
        var catalogue = structure.Catalogue;
        int providers = structure.ProviderCount;
        var contracts = new int[providers];
        var churnIn = new int[providers];
        var churnOut = new int[providers];
        var payments = new long[providers];
        Span<double> bills = stackalloc double[catalogue.MaxAccesses];
        var cellCounts = new int[structure.CellCount];
        Span<double> utilities = stackalloc double[catalogue.Count];
        int reviews = 0;
        long surplusMicros = 0;
        for (int i = 0; i < portfolio.Length; i++)
        {
            long user = FirstUser + i;
            int l = location[i];
            var current = catalogue[portfolio[i]];
            var options = structure.Available(l, mptcp[i]);
            var u = utilities[..options.Length];
            for (int k = 0; k < options.Length; k++)
                u[k] = PortfolioUtility.Of(catalogue[options[k]], current, l, throughputValue[i], usageGb[i], structure, population, view);
            surplusMicros += (long)Math.Round(LogitChoice.LogSum(u, priceSensitivity[i]) * 1e6);
            if (random.Uniform(RandomStream.Review, user, view.Tick) < population.ReviewProbability)
            {
                reviews++;
                int chosen = options[LogitChoice.Sample(u, priceSensitivity[i], random.Uniform(RandomStream.Choice, user, view.Tick))];
                var next = catalogue[chosen];
                foreach (int p in current.Providers) if (!next.Holds(p)) churnOut[p]++;
                foreach (int p in next.Providers) if (!current.Holds(p)) churnIn[p]++;
                portfolio[i] = chosen;
                current = next;
            }
            cellCounts[structure.Cell(l, current.Index)]++;
            if (current.IsOutside) continue;
            PortfolioUtility.Bills(current, l, usageGb[i], structure, view, bills);
            for (int slot = 0; slot < current.Providers.Count; slot++)
            {
                int p = current.Providers[slot];
                contracts[p]++;
                payments[p] += (long)Math.Round(bills[slot] * 1e6);
            }
        }
        return new BlockOutcome(cellCounts, contracts, churnIn, churnOut, payments, reviews, surplusMicros);
    }
}
