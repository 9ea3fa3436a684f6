using System.Runtime.CompilerServices;
using MarketSim.Market.Choice;
using MarketSim.Market.Providers;

namespace MarketSim.Market.Population;

/// <summary>
/// One month's decision tables: everything in a user's utility (see <see cref="PortfolioUtility"/>) that does not depend
/// on the individual user, per (location, device, portfolio held, option). A user's utility of option k is then
/// <c>Base + v × LogThroughput</c> (minus its own bill where a usage tariff bills traffic above an allowance), with
/// Base = (quality − bills) + frictions and LogThroughput = ln(1 + T / T_ref) of the throughput the holder perceives:
/// one multiply-add per option. The sum is grouped differently from <see cref="PortfolioUtility.Parts"/>
/// (value − bills + frictions), so the two agree to the last bits only (about 1e-15 relative).
/// Also per (location, portfolio held): what the books count for a holder (throughput and bills in millionths).
/// Read-only once built; one instance serves every block of a month (see <see cref="For"/>) and can serve any
/// counterfactual (a view with other fees gives another table).
/// </summary>
public sealed class MonthUtilityTable
{
    // The latest table of each market (structure), so the blocks of a run share one table per month: the first block to
    // review builds it, the others find it. Entries go with the structure.
    private static readonly ConditionalWeakTable<MarketStructure, Latest> Built = new();

    private readonly int portfolios;
    private readonly int[][] options;       // per option set (location × 2 + device): portfolio indices, catalogue order
    private readonly int[] optionCounts;    // per option set: options[set].Length, without the second array read
    private readonly int[] positionOf;      // [set × portfolios + portfolio]: its position in the set's options, or −1
    // Per row of RowWidth entries starting at entry r: [3r, 3r + RowWidth) Base, then LogThroughput, then the options'
    // expected bills (traffic-free, for churn causes), each RowWidth long: the kernel reads Base and LogThroughput as whole
    // vectors, four users at a time, and a switching user's bills lie next to the row it has just read.
    private readonly double[] terms;
    private readonly bool[] usageBilled;    // per entry: a usage tariff bills the user's own traffic (not in Base)
    private readonly long[] heldThroughputMicros; // per cell: delivered total rate while active, Mbit/s × 1e6, rounded
    private readonly long[] heldBillMicros;       // [cell × MaxContracts + contract]: delivered bill × 1e6, rounded (flat parts only)
    private readonly bool[] heldBilledPerUser;    // per cell: a usage tariff bills the holder's traffic
    private readonly Latest? owner;               // the market's slot of the latest table (tables made by For), else null
    private int readers;                          // callers of For not yet released (guarded by the owner's lock)
    private bool retired;

    private MonthUtilityTable(MarketStructure structure, PopulationSpec population, MarketView view, Latest? owner = null, MonthUtilityTable? donor = null)
    {
        Structure = structure;
        Population = population;
        View = view;
        this.owner = owner;
        var catalogue = structure.Catalogue;
        portfolios = catalogue.Count;
        var sets = structure.Locations * 2;
        if (donor is not null)
        {
            // Last month's table of the same market: the option sets depend on the market alone (read-only, shared), and
            // once nobody reads it any more its arrays take this month's numbers (every entry read is written again by
            // Fill), so a month allocates nothing: a national market's table is tens of megabytes, and allocating one a
            // month cost full garbage collections.
            (options, optionCounts, positionOf, MaxOptions, RowWidth, MaxContracts) = (donor.options, donor.optionCounts, donor.positionOf, donor.MaxOptions, donor.RowWidth, donor.MaxContracts);
            if (donor.readers == 0)
            {
                (terms, usageBilled) = (donor.terms, donor.usageBilled);
                (heldThroughputMicros, heldBillMicros, heldBilledPerUser) = (donor.heldThroughputMicros, donor.heldBillMicros, donor.heldBilledPerUser);
                donor.retired = true;
                Fill(view);
                return;
            }
        }
        else
        {
            MaxContracts = catalogue.All.Max(p => p.Providers.Count);
            options = new int[sets][];
            optionCounts = new int[sets];
            positionOf = new int[sets * portfolios];
            for (var set = 0; set < sets; set++)
            {
                options[set] = structure.Available(set >> 1, (set & 1) == 1).ToArray();
                optionCounts[set] = options[set].Length;
                MaxOptions = Math.Max(MaxOptions, options[set].Length);
                Array.Fill(positionOf, -1, set * portfolios, portfolios);
                for (var k = 0; k < options[set].Length; k++) positionOf[set * portfolios + options[set][k]] = k;
            }
        }
        RowWidth = (MaxOptions + RowVector - 1) / RowVector * RowVector;
        var entries = sets * portfolios * RowWidth;
        terms = new double[Planes * entries];
        usageBilled = new bool[entries];
        heldThroughputMicros = new long[structure.CellCount];
        heldBillMicros = new long[structure.CellCount * MaxContracts];
        heldBilledPerUser = new bool[structure.CellCount];
        Fill(view);
    }

    /// <summary>True once a later month's table took this one's arrays (see <see cref="For"/>): its numbers are gone.</summary>
    public bool Retired => retired;

    /// <summary>Tells the table's market that a caller of <see cref="For"/> no longer reads it (so a later month's table
    /// may take its arrays). Tables made by <see cref="Build"/> need no release.</summary>
    public void Release()
    {
        if (owner is null) return;
        lock (owner) readers--;
    }

    /// <summary>The market the table describes.</summary>
    public MarketStructure Structure { get; }

    /// <summary>The population whose shared parameters (inertia, switching, battery, information) the table holds.</summary>
    public PopulationSpec Population { get; }

    /// <summary>The month's offers and measured throughput the table was built from.</summary>
    public MarketView View { get; }

    /// <summary>The most options any user has (the width of per-user utility buffers).</summary>
    public int MaxOptions { get; }

    /// <summary>The most contracts a portfolio has.</summary>
    public int MaxContracts { get; }

    /// <summary>True when some option's bill depends on the user's traffic (a tariff with an allowance).</summary>
    public bool AnyUsageBilled { get; private set; }

    /// <summary>The table of <paramref name="view"/>'s month, built on first use and shared by every caller with an equal
    /// view (same tick, fees, throughput table, withdrawals, outages, beliefs and device share) of the same market
    /// (thread-safe). The caller reads it until it calls <see cref="Release"/>; a table nobody reads any more gives its
    /// arrays to the next month's.</summary>
    public static MonthUtilityTable For(MarketStructure structure, PopulationSpec population, MarketView view)
    {
        ArgumentNullException.ThrowIfNull(structure);
        ArgumentNullException.ThrowIfNull(view);
        var latest = Built.GetValue(structure, _ => new Latest());
        lock (latest)
        {
            if (latest.Table is not { } table || !ReferenceEquals(table.Population, population) || !SameMonth(table.View, view))
                latest.Table = table = new MonthUtilityTable(structure, population, view, latest, latest.Table);
            table.readers++;
            return table;
        }
    }

    private static bool SameMonth(MarketView a, MarketView b)
        => ReferenceEquals(a, b) || (a.Tick == b.Tick && ReferenceEquals(a.Throughput, b.Throughput) && a.ProviderPrices.SequenceEqual(b.ProviderPrices)
            && (ReferenceEquals(a.Withdrawn, b.Withdrawn) || (a.Withdrawn is not null && b.Withdrawn is not null && a.Withdrawn.SequenceEqual(b.Withdrawn)))
            && ReferenceEquals(a.Outages, b.Outages) && ReferenceEquals(a.Beliefs, b.Beliefs) && a.MptcpCapableShare == b.MptcpCapableShare);

    private sealed class Latest
    {
        public MonthUtilityTable? Table { get; set; }
    }

    /// <summary>Builds a table without sharing it (tests, counterfactual fees).</summary>
    public static MonthUtilityTable Build(MarketStructure structure, PopulationSpec population, MarketView view)
        => new(structure, population, view);

    /// <summary>Index of the option set of a user at <paramref name="location"/> with or without an MPTCP device.</summary>
    public static int SetOf(int location, bool mptcpCapable) => location * 2 + (mptcpCapable ? 1 : 0);

    /// <summary>The portfolios a user of the set can choose from, in catalogue order.</summary>
    public int[] Options(int set) => options[set];

    /// <summary>Number of options of a user of the set.</summary>
    public int OptionCount(int set) => optionCounts[set];

    /// <summary>Position of <paramref name="portfolio"/> among the set's options, or −1 when the set cannot buy it.</summary>
    public int PositionOf(int set, int portfolio) => positionOf[set * portfolios + portfolio];

    /// <summary>First entry of the row of a user of the set holding <paramref name="held"/>; entry row + k is option k. Every
    /// row has <see cref="RowWidth"/> entries, −infinity beyond the set's options: the decision kernel computes a vector
    /// of users up to the most options any of them has (<see cref="LogitKernel.OptionsOfUser"/>), so a user with fewer
    /// reads entries beyond its own, which must give −infinity. (The padding costs memory: in `bench market`, legacy
    /// devices' rows have 3-4 options of 8 entries, so the table is about half again as large as unpadded rows would be.)</summary>
    public int RowStart(int set, int held) => ((set * portfolios) + held) * RowWidth;

    /// <summary>Entries per row: <see cref="MaxOptions"/> rounded up to whole vectors of four doubles (8 for 7 options), so
    /// a row's Base and LogThroughput are each read as whole vectors (see <see cref="Terms"/>).</summary>
    public int RowWidth { get; }

    private const int RowVector = 4; // doubles per 256-bit vector

    /// <summary>Numbers per entry in <see cref="Terms"/>: Base, LogThroughput and bills, each in its own part of the row.</summary>
    public const int Planes = 3;

    /// <summary>Index in <see cref="Terms"/> of Base of option <paramref name="k"/> of the row starting at entry
    /// <paramref name="row"/>; its LogThroughput is <see cref="RowWidth"/> further on, its bills 2 × RowWidth.</summary>
    private static int BaseIndex(int row, int k) => (Planes * row) + k;

    /// <summary>Per row starting at entry r (<see cref="RowStart"/>), option k: [3r + k] = Base (qualities − bills +
    /// frictions: inertia if the option is the portfolio held, minus switching and battery costs; bills left out where a
    /// usage tariff applies), [3r + <see cref="RowWidth"/> + k] = ln(1 + T / T_ref) of the throughput the holder of the row
    /// perceives over the option, [3r + 2 RowWidth + k] = the option's expected bills without traffic (see
    /// <see cref="Planes"/>). Entries beyond the set's options hold Base = −infinity and 0, so Base + v × LogThroughput
    /// is −infinity there (an option that cannot be chosen).</summary>
    public ReadOnlySpan<double> Terms => terms;

    /// <summary>True when the entry's bills depend on the user's traffic (subtract <see cref="UserBills"/>).</summary>
    public bool UsageBilled(int entry) => usageBilled[entry];

    /// <summary>Delivered total rate of a holder of the cell while active, Mbit/s × 1e6, rounded to an integer.</summary>
    public long HeldThroughputMicros(int cell) => heldThroughputMicros[cell];

    /// <summary>True when a holder of the cell is billed on its own traffic (its bills are computed per user).</summary>
    public bool HeldBilledPerUser(int cell) => heldBilledPerUser[cell];

    /// <summary>Bill of contract <paramref name="contract"/> of a holder of the cell at delivered rates, money × 1e6, rounded.</summary>
    public long HeldBillMicros(int cell, int contract) => heldBillMicros[cell * MaxContracts + contract];

    /// <summary>A user's utility of the entry's option: the table's parts around its own valuation <paramref name="value"/>
    /// (and, where a usage tariff applies, its traffic <paramref name="usageGb"/>).</summary>
    public double Utility(int entry, int set, int held, int k, double value, double usageGb)
    {
        var at = BaseIndex(entry - k, k);
        var u = terms[at] + value * terms[at + RowWidth];
        return usageBilled[entry] ? u - UserBills(set, held, k, usageGb) : u;
    }

    /// <summary>Expected bills of option <paramref name="k"/> for a user of the set holding <paramref name="held"/> with
    /// traffic <paramref name="usageGb"/> (the per-user path, only where a usage tariff applies).</summary>
    public double UserBills(int set, int held, int k, double usageGb)
    {
        var catalogue = Structure.Catalogue;
        return PortfolioUtility.Parts(catalogue[options[set][k]], catalogue[held], set >> 1, 0, usageGb, Structure, Population, View).Bills;
    }

    /// <summary>
    /// What <see cref="PortfolioUtility.Parts"/> gives as Value and Bills for option <paramref name="portfolio"/> of a user
    /// of the set holding <paramref name="held"/> who values throughput at <paramref name="throughputValue"/>, to the last
    /// bit (the same sums in the same order, the perceived throughput's log from the table): what churn causes compare.
    /// False where the table cannot say (the set cannot buy the portfolio, or a usage tariff bills the user's own traffic).
    /// </summary>
    public bool TryValueAndBills(int set, int held, int portfolio, double throughputValue, out double value, out double bills)
    {
        (value, bills) = (0, 0);
        var k = PositionOf(set, portfolio);
        if (k < 0) return false;
        var entry = RowStart(set, held) + k;
        if (usageBilled[entry]) return false;
        var option = Structure.Catalogue[portfolio];
        if (option.IsOutside) return true;
        double quality = 0;
        foreach (var seller in option.SellerArray) quality += Structure.Providers[seller].Quality;
        value = quality + (throughputValue * terms[BaseIndex(entry - k, k) + RowWidth]);
        if (Population.DowntimeCost > 0) value -= Population.DowntimeCost * Structure.ExpectedDowntimeHours(set >> 1, option);
        bills = terms[BaseIndex(entry - k, k) + (2 * RowWidth)];
        return true;
    }

    /// <summary>Fills every location's entries. Locations are independent (each writes only its own rows and cells), so
    /// they are filled in parallel: the table's numbers do not depend on the order or the thread.</summary>
    private void Fill(MarketView view)
    {
        var usage = new bool[Structure.Locations];
        Parallel.For(0, Structure.Locations, l => usage[l] = FillLocation(l, view));
        AnyUsageBilled = Array.IndexOf(usage, true) >= 0;
    }

    /// <summary>Fills location <paramref name="l"/>'s entries; true when some option there bills usage.</summary>
    private bool FillLocation(int l, MarketView view)
    {
        var structure = Structure;
        var catalogue = structure.Catalogue;
        var population = Population;
        var anyUsage = false;
        Span<double> delivered = stackalloc double[MaxContracts];
        // An entry does not depend on the device: compute the MPTCP set's options, then copy the subset a legacy
        // device can buy (same catalogue order) instead of computing it again.
        int multi = (l * 2) + 1, single = l * 2;
        var choices = options[multi];
        for (var held = 0; held < portfolios; held++)
        {
            var current = catalogue[held];
            var row = RowStart(multi, held);
            for (var k = 0; k < choices.Length; k++)
            {
                var option = catalogue[choices[k]];
                // The parts of a user who values throughput at 0 and sends no traffic: value = quality exactly; the same
                // evaluation gives ln(1 + T / T_ref) exactly as a user's own utility computes it.
                var plain = PortfolioUtility.PartsAndLogThroughput(option, current, l, 0, 0, structure, population, view, out var logThroughput);
                var usage = BillsUsage(option);
                anyUsage |= usage;
                usageBilled[row + k] = usage;
                terms[BaseIndex(row, k) + (2 * RowWidth)] = plain.Bills;
                terms[BaseIndex(row, k)] = (plain.Value - (usage ? 0 : plain.Bills)) + plain.Frictions;
                terms[BaseIndex(row, k) + RowWidth] = logThroughput;
            }
            Unavailable(row, choices.Length);
            var to = RowStart(single, held);
            var legacy = options[single];
            for (var k = 0; k < legacy.Length; k++)
            {
                var at = positionOf[(multi * portfolios) + legacy[k]];
                usageBilled[to + k] = usageBilled[row + at];
                terms[BaseIndex(to, k) + (2 * RowWidth)] = terms[BaseIndex(row, at) + (2 * RowWidth)];
                terms[BaseIndex(to, k)] = terms[BaseIndex(row, at)];
                terms[BaseIndex(to, k) + RowWidth] = terms[BaseIndex(row, at) + RowWidth];
            }
            Unavailable(to, legacy.Length);
        }
        for (var held = 0; held < portfolios; held++)
        {
            var current = catalogue[held];
            var cell = structure.Cell(l, held);
            if (current.IsOutside) continue;
            heldThroughputMicros[cell] = (long)Math.Round(view.Throughput.TotalMbps(cell, current.Paths.Count) * 1e6);
            heldBilledPerUser[cell] = BillsUsage(current);
            if (heldBilledPerUser[cell]) continue;
            var slots = delivered[..current.Providers.Count];
            PortfolioUtility.Bills(current, l, 0, structure, view, slots);
            for (var c = 0; c < slots.Length; c++) heldBillMicros[(cell * MaxContracts) + c] = (long)Math.Round(slots[c] * 1e6);
        }
        return anyUsage;
    }

    /// <summary>Marks the row's entries from <paramref name="options"/> on as options that cannot be chosen: Base −infinity.
    /// Their LogThroughput and bills are never written, so they keep the 0 of a new array (a set's options are the
    /// market's, so a table that takes last month's arrays finds the same entries beyond them): −infinity + v × 0 is
    /// −infinity, and no one reads their bills.</summary>
    private void Unavailable(int row, int options)
    {
        for (var k = options; k < RowWidth; k++) terms[BaseIndex(row, k)] = double.NegativeInfinity;
    }

    private bool BillsUsage(Portfolio portfolio)
    {
        foreach (var seller in portfolio.SellerArray)
        {
            if (!double.IsPositiveInfinity(Structure.Providers[seller].Tariff.AllowanceGb)) return true;
        }
        return false;
    }
}
