using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MarketSim.Market.Choice;
using MarketSim.Market.Providers;
using MarketSim.Market.Randomness;

namespace MarketSim.Market.Population;

/// <summary>
/// A block of end users stored as arrays (structure of arrays): the unit an end-user actor owns.
/// Users are numbered globally; every draw is keyed by the global user id, so a user's traits and decisions do
/// not depend on the block size or on which users share a block (block size 1 gives the same market as one block of
/// everyone). A run's blocks hold users sorted by location (see <see cref="UserPartition"/>): neighbours in a block then
/// read the same rows of the month's tables, and a block's (location, portfolio) cells are one short range.
/// </summary>
public sealed class UserBlock
{
    private readonly MarketStructure structure;
    private readonly PopulationSpec population;
    private readonly CounterRandom random;
    private readonly ChoiceNests choice; // logit or nested logit: the one hook of the demand model in the decisions
    private readonly int[] userId;
    private readonly int[] location;
    private readonly double[] deviceDraw;
    private readonly int[] segmentPlace; // 0 or 2: whether the user lives inside WLAN coverage
    private readonly double[] priceSensitivity;
    private readonly double[] throughputValue;
    private readonly double[] usageGb;
    private readonly int[] portfolio;
    // Realised surplus of a user = utility of what it holds (as held, at the delivered throughput and actual bills)
    // + this offset, set at its last review (see RealisedSurplus); 0 for a user who has not chosen yet.
    private readonly double[] surplusOffset;
    private ChunkScratch? chunkScratch; // the decision kernel's work arrays, made on the first review
    private LocationRuns? runs;         // the users as runs of one location in ascending device draw (made on the first review)

    private UserBlock(MarketStructure structure, PopulationSpec population, CounterRandom random, int[] userIds)
    {
        this.structure = structure;
        this.population = population;
        this.random = random;
        choice = ChoiceNests.Of(structure, population);
        userId = userIds;
        var count = userIds.Length;
        location = new int[count];
        deviceDraw = new double[count];
        segmentPlace = new int[count];
        priceSensitivity = new double[count];
        throughputValue = new double[count];
        usageGb = new double[count];
        portfolio = new int[count];
        surplusOffset = new double[count];
    }

    /// <summary>Global id of each user of the block, in the block's order.</summary>
    public ReadOnlySpan<int> UserIds => userId;

    /// <summary>First (location, portfolio) cell the block's users can be counted in: <see cref="ReviewTally"/> and the
    /// outcomes count the cells [CellOffset, CellOffset + CellSpan) only.</summary>
    public int CellOffset { get; private set; }

    /// <summary>Number of cells from <see cref="CellOffset"/> that cover every location of the block's users.</summary>
    public int CellSpan { get; private set; }

    /// <summary>Number of users in the block.</summary>
    public int Count => portfolio.Length;

    /// <summary>Draws the users [firstUser, firstUser + count) and their starting portfolios.</summary>
    public static UserBlock Create(MarketStructure structure, PopulationSpec population, CounterRandom random, long firstUser, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstUser + count, int.MaxValue);
        return Create(structure, population, random, Enumerable.Range((int)firstUser, count).ToArray());
    }

    /// <summary>Draws the users <paramref name="userIds"/> (the block keeps the array, in this order) and their starting
    /// portfolios.</summary>
    public static UserBlock Create(MarketStructure structure, PopulationSpec population, CounterRandom random, int[] userIds)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var count = userIds.Length;
        var block = new UserBlock(structure, population, random, userIds);
        int lowest = int.MaxValue, highest = -1;
        for (var i = 0; i < count; i++)
        {
            var user = userIds[i];
            var l = UserTraits.Location(random, user, structure.Locations);
            block.location[i] = l;
            block.deviceDraw[i] = UserTraits.DeviceDraw(random, user);
            block.segmentPlace[i] = UserSegment.Of(false, UserSegment.InHotspot(structure, l));
            block.priceSensitivity[i] = population.MeanPriceSensitivity
                * UserTraits.MeanOneLogNormal(random, RandomStream.PriceSensitivity, user, population.PriceSensitivitySpread);
            block.throughputValue[i] = population.ThroughputValue
                * UserTraits.MeanOneLogNormal(random, RandomStream.ThroughputValuation, user, population.ThroughputValueSpread);
            block.usageGb[i] = population.UsageGb
                * UserTraits.MeanOneLogNormal(random, RandomStream.Usage, user, population.UsageSpread);
            block.portfolio[i] = UserTraits.InitialPortfolio(random, user, l, block.deviceDraw[i] < population.MptcpShareAt(0), structure);
            lowest = Math.Min(lowest, l);
            highest = Math.Max(highest, l);
        }
        var portfolios = structure.Catalogue.Count;
        block.CellOffset = count == 0 ? 0 : lowest * portfolios;
        block.CellSpan = count == 0 ? 0 : (highest - lowest + 1) * portfolios;
        return block;
    }

    /// <summary>Number of (location, portfolio) cells of the market the block lives in.</summary>
    public int CellCount => structure.CellCount;

    /// <summary>Location of the i-th user of the block.</summary>
    public int LocationOf(int i) => location[i];

    /// <summary>Portfolio index the i-th user of the block holds.</summary>
    public int PortfolioOf(int i) => portfolio[i];

    /// <summary>
    /// Copies the block's users as they stand into caller-owned spans of length <see cref="Count"/>, in the block's order (<see cref="UserIds"/>):
    /// location, device (MPTCP-capable that month), portfolio index and this month's bill (sum over its contracts). The bill is the
    /// one <see cref="Review"/> charged with the same <paramref name="billing"/> view, recomputed here so the block
    /// keeps no per-user bill array when nobody asks for per-user output; with no view (month 0, before anything
    /// was measured) it is the plain monthly fees, as the starting market is billed.
    /// </summary>
    public void CopyStates(MarketView? billing, Span<int> locations, Span<bool> mptcpCapable, Span<int> portfolios, Span<double> bills)
    {
        var n = portfolio.Length;
        if (locations.Length != n || mptcpCapable.Length != n || portfolios.Length != n || bills.Length != n)
            throw new ArgumentException($"Every span needs exactly {n} entries (the block's users).");
        location.CopyTo(locations);
        var tick = billing?.Tick ?? 0;
        var capableShare = billing?.MptcpCapableShare ?? population.MptcpShareAt(tick);
        for (var i = 0; i < n; i++) mptcpCapable[i] = deviceDraw[i] < capableShare;
        portfolio.CopyTo(portfolios);
        var catalogue = structure.Catalogue;
        Span<double> slots = stackalloc double[catalogue.MaxPaths];
        for (var i = 0; i < n; i++)
        {
            var held = catalogue[portfolio[i]];
            double bill = 0;
            if (billing is null) foreach (var p in held.Providers) bill += OpeningBill(p);
            else if (!held.IsOutside)
            {
                PortfolioUtility.Bills(held, location[i], usageGb[i], structure, billing, slots);
                for (var slot = 0; slot < held.Providers.Count; slot++) bill += slots[slot];
            }
            bills[i] = bill;
        }
    }

    /// <summary>What a contract with <paramref name="provider"/> is billed at month 0: its plain fee (no month has been
    /// measured yet, so no usage or performance term applies). The one definition of month-0 billing, for the books
    /// (<see cref="Opening"/>) and per-user output (<see cref="CopyStates"/>) alike.</summary>
    private double OpeningBill(int provider) => structure.Providers[provider].InitialPrice;

    /// <summary>The block at month 0, before any decision: users per cell and segment, contracts, and bills at the plain
    /// fees; no churn, reviews or surplus (the starting market is given, not chosen).</summary>
    public BlockOutcome Opening()
    {
        var providers = structure.ProviderCount;
        var cellCounts = new int[CellSpan];
        for (var i = 0; i < portfolio.Length; i++) cellCounts[structure.Cell(location[i], portfolio[i]) - CellOffset]++;
        var contracts = new int[providers];
        var payments = new long[providers];
        for (var i = 0; i < portfolio.Length; i++)
        {
            foreach (var p in structure.Catalogue[portfolio[i]].Providers)
            {
                contracts[p]++;
                payments[p] += (long)Math.Round(OpeningBill(p) * 1e6);
            }
        }
        return new BlockOutcome(cellCounts, contracts, new int[providers], new int[providers], new int[providers * ChurnCauses.Count],
            payments, 0, 0, InitialSegments(), CellOffset: CellOffset);
    }

    /// <summary>Adds the block's users to the per-(location, portfolio) counts.</summary>
    public void AddCellCounts(Span<int> cellCounts)
    {
        for (var i = 0; i < portfolio.Length; i++) cellCounts[structure.Cell(location[i], portfolio[i])]++;
    }

    /// <summary>Head counts per segment before any decision (month 0): users, connected and multipath users; no
    /// throughput, bills or surplus yet.</summary>
    public SegmentTally InitialSegments()
    {
        var counter = new SegmentCounter(UserSegment.Count);
        var capableShare = population.MptcpShareAt(0);
        for (var i = 0; i < portfolio.Length; i++)
        {
            var segment = segmentPlace[i] + (deviceDraw[i] < capableShare ? 1 : 0);
            var held = structure.Catalogue[portfolio[i]];
            counter.Users[segment]++;
            if (!held.IsOutside) counter.Connected[segment]++;
            if (structure.IsMultipathAt(location[i], held)) counter.Multipath[segment]++;
        }
        return counter.ToTally();
    }

    /// <summary>True if the i-th user's device runs MPTCP at month <paramref name="tick"/>.</summary>
    public bool IsMptcpCapable(int i, int tick) => deviceDraw[i] < population.MptcpShareAt(tick);

    /// <summary>
    /// One tick of contract reviews: each user reviews with the configured probability and, if so, picks a
    /// portfolio by logit (or nested logit) over what its location and device allow. Returns the block's counts after
    /// the tick: contracts, churn (with the cause of every departure), bills and per-segment sums.
    /// <para>
    /// The decision kernel: the month's <see cref="MonthUtilityTable"/> holds everything that does not depend on the
    /// user; per user remain a multiply-add per option (and its own bill under a usage tariff), then the choice step for
    /// a chunk of users: <see cref="LogitKernel.Decide"/> with vectorized exps shared by log-sum and draw, or the nested
    /// logit's <see cref="ChoiceNests"/> user by user.
    /// </para>
    /// </summary>
    public BlockOutcome Review(MarketView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var table = MonthUtilityTable.For(structure, population, view);
        try
        {
            return ReviewWith(table, view);
        }
        finally
        {
            table.Release();
        }
    }

    private BlockOutcome ReviewWith(MonthUtilityTable table, MarketView view)
    {
        var tally = new ReviewTally(structure.ProviderCount, CellOffset, CellSpan);
        var scratch = ChunkScratch.For(ref chunkScratch, table.MaxOptions);
        var capableShare = view.MptcpCapableShare ?? population.MptcpShareAt(view.Tick);
        runs ??= new LocationRuns(location, segmentPlace, deviceDraw);
        runs.SetCapableShare(capableShare);
        var run = 0;
        for (var start = 0; start < portfolio.Length; start += ChunkScratch.Users)
        {
            var end = Math.Min(portfolio.Length, start + ChunkScratch.Users);
            run = runs.Fill(start, run, scratch.Sets.AsSpan(0, end - start), scratch.Segments.AsSpan(0, end - start));
            PrepareChunk(table, view, start, end, scratch);
            Decide(table, start, end - start, scratch);
            ApplyChunk(table, view, start, end, scratch, tally);
        }
        tally.BookHolders(table, structure);
        return tally.ToOutcome();
    }

    /// <summary>Per user of [start, end), whose option sets and segments are in the scratch: its utilities from the
    /// month's table (option-major, see <see cref="ChunkScratch"/>), whether it reviews and its draw. In several short loops rather than one: each keeps its few variables in registers.</summary>
    private void PrepareChunk(MonthUtilityTable table, MarketView view, int start, int end, ChunkScratch s)
    {
        var users = end - start;
        s.Begin(users);
        var stride = s.Stride;
        var tick = view.Tick;
        var sets = s.Sets.AsSpan(0, users); // filled with the segments from the block's runs (see Review)
        var rows = s.Rows.AsSpan(0, users);
        var held = portfolio.AsSpan(start, users);
        for (var j = 0; j < rows.Length; j++) rows[j] = table.RowStart(sets[j], held[j]);
        var counts = s.Counts.AsSpan(0, users);
        var heldAt = s.HeldAt.AsSpan(0, users);
        for (var j = 0; j < counts.Length; j++) counts[j] = table.OptionCount(sets[j]);
        for (var j = 0; j < heldAt.Length; j++) heldAt[j] = table.PositionOf(sets[j], held[j]);
        FillUtilities(table.Terms, rows, s.Counts.AsSpan(0, stride), throughputValue.AsSpan(start, users), table.RowWidth, stride, s.Utilities);
        priceSensitivity.AsSpan(start, users).CopyTo(s.Alpha);
        var uniform = s.Uniform.AsSpan(0, users);
        CounterRandom.Uniforms(random.StreamKey(RandomStream.Review), userId.AsSpan(start, users), tick, uniform);
        var reviewProbability = population.ReviewProbability;
        // Every user's choice draw, a vector of users at a time, kept for those who review: cheaper than one user's scalar
        // draw behind an unpredictable branch for each of the reviewers.
        var draw = s.ChoiceDraw.AsSpan(0, users);
        CounterRandom.Uniforms(random.StreamKey(RandomStream.Choice), userId.AsSpan(start, users), tick, draw);
        if (table.AnyUsageBilled || view.Withdrawn is not null)
        {
            for (var j = 0; j < uniform.Length; j++)
            {
                var forced = Adjust(table, view, sets[j], held[j], start + j, s.Utilities.AsSpan(j), stride);
                uniform[j] = forced || uniform[j] < reviewProbability ? draw[j] : double.NaN;
            }
            return;
        }
        var j0 = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var probability = Vector256.Create(reviewProbability);
            var none = Vector256.Create(double.NaN);
            for (; j0 <= uniform.Length - Vector256<double>.Count; j0 += Vector256<double>.Count)
            {
                var reviews = Vector256.LessThan(Vector256.Create(uniform[j0..]), probability);
                Vector256.ConditionalSelect(reviews, Vector256.Create(draw[j0..]), none).CopyTo(uniform[j0..]);
            }
        }
        for (; j0 < uniform.Length; j0++) uniform[j0] = uniform[j0] < reviewProbability ? draw[j0] : double.NaN;
    }

    /// <summary>Each user's utilities U_k = Base_k + v × LogThroughput_k from its row of the month's table (every row has
    /// <paramref name="rowWidth"/> entries, −infinity beyond the user's options: see <see cref="MonthUtilityTable.RowStart"/>),
    /// written option-major: user j's option k at [k × stride + j], for the options the kernel computes for its vector of
    /// users (<see cref="LogitKernel.OptionsOfUser"/>; <paramref name="counts"/> covers the whole stride, padding included).</summary>
    private static void FillUtilities(ReadOnlySpan<double> terms, ReadOnlySpan<int> rows, ReadOnlySpan<int> counts, ReadOnlySpan<double> values,
        int rowWidth, int stride, double[] utilities)
    {
        Debug.Assert(rows.Length <= stride && rowWidth % Vector256<double>.Count == 0);
        ref var termsStart = ref MemoryMarshal.GetReference(terms);
        ref var utilitiesStart = ref MemoryMarshal.GetArrayDataReference(utilities);
        var vectors = Avx.IsSupported ? rows.Length / LogitKernel.Lane * LogitKernel.Lane : 0;
        for (var first = 0; first < vectors; first += LogitKernel.Lane)
        {
            var options = LogitKernel.OptionsOfUser(counts, first); // the same for every user of the vector
            Debug.Assert(utilities.Length >= (options * stride) && rows.Length <= stride);
            ref var row0 = ref Unsafe.Add(ref termsStart, MonthUtilityTable.Planes * rows[first]);
            ref var row1 = ref Unsafe.Add(ref termsStart, MonthUtilityTable.Planes * rows[first + 1]);
            ref var row2 = ref Unsafe.Add(ref termsStart, MonthUtilityTable.Planes * rows[first + 2]);
            ref var row3 = ref Unsafe.Add(ref termsStart, MonthUtilityTable.Planes * rows[first + 3]);
            ref var user = ref Unsafe.Add(ref utilitiesStart, first);
            for (var k = 0; k < options; k += Vector256<double>.Count)
            {
                // Four users' options k..k+3 (Base + v × LogThroughput, the scalar's two roundings per lane), turned from
                // one vector per user into one vector per option (a 4 × 4 transpose) and stored option-major.
                var u0 = Utilities(ref row0, k, rowWidth, values[first]);
                var u1 = Utilities(ref row1, k, rowWidth, values[first + 1]);
                var u2 = Utilities(ref row2, k, rowWidth, values[first + 2]);
                var u3 = Utilities(ref row3, k, rowWidth, values[first + 3]);
                Vector256<double> low01 = Avx.UnpackLow(u0, u1), high01 = Avx.UnpackHigh(u0, u1);
                Vector256<double> low23 = Avx.UnpackLow(u2, u3), high23 = Avx.UnpackHigh(u2, u3);
                // Unchecked stores because this is the kernel's innermost loop: option k + c < options lies inside the
                // chunk's rows (Debug.Assert above), and only those rows are written.
                Avx.Permute2x128(low01, low23, 0x20).StoreUnsafe(ref Unsafe.Add(ref user, k * stride));
                if (k + 1 < options) Avx.Permute2x128(high01, high23, 0x20).StoreUnsafe(ref Unsafe.Add(ref user, (k + 1) * stride));
                if (k + 2 < options) Avx.Permute2x128(low01, low23, 0x31).StoreUnsafe(ref Unsafe.Add(ref user, (k + 2) * stride));
                if (k + 3 < options) Avx.Permute2x128(high01, high23, 0x31).StoreUnsafe(ref Unsafe.Add(ref user, (k + 3) * stride));
            }
        }
        // Without AVX, and a last vector with fewer than four users: one user at a time.
        for (var first = vectors; first < rows.Length; first += LogitKernel.Lane)
        {
            var options = LogitKernel.OptionsOfUser(counts, first);
            for (var j = first; j < Math.Min(first + LogitKernel.Lane, rows.Length); j++)
            {
                Debug.Assert(MonthUtilityTable.Planes * (rows[j] + rowWidth) <= terms.Length);
                ref var row = ref Unsafe.Add(ref termsStart, MonthUtilityTable.Planes * rows[j]);
                ref var user = ref Unsafe.Add(ref utilitiesStart, j);
                var value = values[j];
                for (var k = 0; k < options; k++) Unsafe.Add(ref user, k * stride) = Unsafe.Add(ref row, k) + (value * Unsafe.Add(ref row, rowWidth + k));
            }
        }
    }

    /// <summary>A user's utilities of options k..k+3 from its table row (<see cref="MonthUtilityTable.Terms"/>): Base +
    /// v × LogThroughput, multiplied and then added (not fused), as the scalar path rounds them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Utilities(ref double row, int k, int rowWidth, double value)
        => Vector256.LoadUnsafe(ref row, (nuint)k) + (Vector256.Create(value) * Vector256.LoadUnsafe(ref row, (nuint)(rowWidth + k)));

    /// <summary>The rarer parts of a user's utilities (<paramref name="utilities"/>[k × stride] is option k): its own bills
    /// where a usage tariff applies, and withdrawn plans struck out. True when the plan it holds was withdrawn: it must
    /// choose again.</summary>
    private bool Adjust(MonthUtilityTable table, MarketView view, int set, int held, int i, Span<double> utilities, int stride)
    {
        var options = table.Options(set);
        var row = table.RowStart(set, held);
        if (table.AnyUsageBilled)
        {
            for (var k = 0; k < options.Length; k++) if (table.UsageBilled(row + k)) utilities[k * stride] -= table.UserBills(set, held, k, usageGb[i]);
        }
        // A plan whose provider left the market cannot be chosen, and its holders must choose again.
        if (view.Withdrawn is not { } withdrawn) return false;
        for (var k = 0; k < options.Length; k++) if (withdrawn[options[k]]) utilities[k * stride] = double.NegativeInfinity;
        return withdrawn[held];
    }

    /// <summary>The choice step of a chunk of <paramref name="users"/> users: each one's log-sum and, if it reviews, its
    /// choice (position among its options).</summary>
    private void Decide(MonthUtilityTable table, int start, int users, ChunkScratch s)
    {
        var stride = s.Stride;
        if (!choice.Nested)
        {
            LogitKernel.Decide(s.Utilities.AsSpan(0, stride * s.Width), s.Width, s.Counts.AsSpan(0, stride), s.Alpha.AsSpan(0, stride),
                s.Uniform.AsSpan(0, stride), s.Chosen.AsSpan(0, stride), s.LogSum.AsSpan(0, stride), s.Weights);
            return;
        }
        Span<double> u = stackalloc double[s.Width];
        for (var j = 0; j < users; j++)
        {
            var row = u[..s.Counts[j]];
            for (var k = 0; k < row.Length; k++) row[k] = s.Utilities[(k * stride) + j];
            var options = table.Options(s.Sets[j]);
            var l = location[start + j];
            s.LogSum[j] = choice.LogSum(row, options, l, s.Alpha[j]);
            s.Chosen[j] = double.IsNaN(s.Uniform[j]) ? -1 : choice.Sample(row, options, l, s.Alpha[j], s.Uniform[j]);
        }
    }

    /// <summary>Per user of [start, end): applies its choice and counts it into the block's tally (a holder billed at its
    /// cell's numbers only by cell and segment, see <see cref="ReviewTally.CountHolder"/>). Most users in a month do not
    /// review and are billed at their cell's numbers: they take a short path (log-sum, utility of what they hold, a
    /// count), everyone else the general one (<see cref="ApplyUser"/>); the sums are integers, so the split changes none.</summary>
    private void ApplyChunk(MonthUtilityTable table, MarketView view, int start, int end, ChunkScratch s, ReviewTally t)
    {
        var users = end - start;
        var segmentOf = s.Segments.AsSpan(0, users);
        t.SurplusMicros += ChunkSurplus.AddBySegment(s.LogSum.AsSpan(0, users), segmentOf, t.Segments.SurplusMicros);
        long realised = 0;
        for (var i = start; i < end; i++)
        {
            var j = i - start;
            var segment = segmentOf[j];
            var cell = structure.Cell(s.Sets[j] >> 1, portfolio[i]); // the set's location (see MonthUtilityTable.SetOf)
            if (s.Chosen[j] < 0 && !table.HeldBilledPerUser(cell))
            {
                var heldUtility = ChunkHeldUtility(s, j);
                if (heldUtility != double.NegativeInfinity)
                {
                    realised += (long)Math.Round((heldUtility + surplusOffset[i]) * 1e6);
                    t.CountHolder(cell, segment); // booked with the cell's numbers at the end of the month
                    continue;
                }
            }
            realised += ApplyUser(table, view, i, j, segment, s, t);
        }
        t.RealisedMicros += realised;
    }

    /// <summary>The general path of <see cref="ApplyChunk"/> for the i-th user (j-th of its chunk): a review's choice, a
    /// withdrawn plan, traffic billed per user. Returns its realised surplus in millionths.</summary>
    private long ApplyUser(MonthUtilityTable table, MarketView view, int i, int j, int segment, ChunkScratch s, ReviewTally t)
    {
        var catalogue = structure.Catalogue;
        var segments = t.Segments;
        var set = s.Sets[j];
        var l = set >> 1; // the set's location (see MonthUtilityTable.SetOf): the location array is cold in a month's pass
        var heldIndex = portfolio[i];
        var logSum = s.LogSum[j];
        var heldUtility = ChunkHeldUtility(s, j);
        if (heldUtility == double.NegativeInfinity) heldUtility = KernelUtility(table, set, heldIndex, i, view);
        var chosenAt = s.Chosen[j];
        if (chosenAt >= 0)
        {
            t.Reviews++;
            var chosen = table.Options(set)[chosenAt];
            var chosenUtility = s.Utilities[(chosenAt * s.Stride) + j];
            if (chosen != heldIndex)
            {
                var current = catalogue[heldIndex];
                var next = catalogue[chosen];
                segments.Switched[segment]++;
                CountSwitch(table, set, i, l, current, next, view, t.ChurnIn, t.ChurnOut, t.ChurnCause);
                surplusOffset[i] = RealisedSurplus.OffsetAfterSwitch(logSum, chosenUtility, population.Inertia, population.SwitchingCost * NewContracts(current, next));
                heldUtility = KernelUtility(table, set, chosen, i, view); // as held now: with the inertia bonus
            }
            else surplusOffset[i] = RealisedSurplus.OffsetAfterStay(logSum, chosenUtility);
            portfolio[i] = chosen;
            heldIndex = chosen;
        }
        var realised = (long)Math.Round((heldUtility + surplusOffset[i]) * 1e6);
        var cell = structure.Cell(l, heldIndex);
        if (!table.HeldBilledPerUser(cell))
        {
            t.CountHolder(cell, segment); // booked with the cell's numbers at the end of the month
            return realised;
        }
        // Billed on its own traffic: its own bills, the rest as any holder of the cell.
        Span<double> bills = stackalloc double[catalogue.MaxPaths];
        Span<long> billMicros = stackalloc long[catalogue.MaxPaths];
        var holding = catalogue[heldIndex];
        var sellers = holding.SellerArray;
        if (!holding.IsOutside) PortfolioUtility.Bills(holding, l, usageGb[i], structure, view, bills);
        for (var k = 0; k < sellers.Length; k++) billMicros[k] = (long)Math.Round(bills[k] * 1e6);
        t.AddHolders(cell, segment, 1, structure, table.HeldThroughputMicros(cell), billMicros[..sellers.Length]);
        return realised;
    }

    /// <summary>Utility of the portfolio the chunk's j-th user holds, as held (paths it holds seen as delivered, bills as
    /// charged): its own entry in the chunk; −infinity when the entry is not there (its option set cannot buy the
    /// portfolio) or was struck out (the plan was withdrawn), where <see cref="KernelUtility"/> gives it.</summary>
    private static double ChunkHeldUtility(ChunkScratch s, int j)
        => s.HeldAt[j] >= 0 ? s.Utilities[(s.HeldAt[j] * s.Stride) + j] : double.NegativeInfinity;

    /// <summary>The i-th user's utility of holding <paramref name="held"/>, as held, by the kernel's arithmetic (the
    /// month's table; the direct definition for a portfolio its option set cannot buy).</summary>
    private double KernelUtility(MonthUtilityTable table, int set, int held, int i, MarketView view)
    {
        var position = table.PositionOf(set, held);
        if (position < 0) return HeldUtility(i, location[i], structure.Catalogue[held], view);
        var entry = table.RowStart(set, held) + position;
        // The user's traffic only where a usage tariff bills it: the kernel reads no other user's usage, so the array is
        // cold, and an unconditional read cost a cache miss per switching user.
        return table.Utility(entry, set, held, position, throughputValue[i], table.UsageBilled(entry) ? usageGb[i] : 0);
    }

    /// <summary>Utility of <paramref name="held"/> for the i-th user holding it: what it gets from it this month.</summary>
    private double HeldUtility(int i, int l, Portfolio held, MarketView view)
        => PortfolioUtility.Of(held, held, l, throughputValue[i], usageGb[i], structure, population, view);

    private static int NewContracts(Portfolio from, Portfolio to)
    {
        var added = 0;
        foreach (var p in to.SellerArray) if (!from.Holds(p)) added++;
        return added;
    }

    /// <summary>Counts a user's move from one portfolio to another: churn in and out per provider, and the cause of
    /// each departure from the utility parts of the two portfolios as the user saw them.</summary>
    private void CountSwitch(MonthUtilityTable table, int set, int i, int l, Portfolio from, Portfolio to, MarketView view, int[] churnIn, int[] churnOut,
        int[] churnCause)
    {
        foreach (var p in to.SellerArray) if (!from.Holds(p)) churnIn[p]++;
        var leaves = false;
        foreach (var p in from.SellerArray) leaves |= !to.Holds(p);
        if (!leaves) return;
        // The two portfolios' value and bills from the month's table where it has them (the same bits as Parts), else
        // evaluated: the perceived throughput's evaluation was most of a switching user's cost.
        double valueGain, billSaving;
        var v = throughputValue[i];
        if (table.TryValueAndBills(set, from.Index, from.Index, v, out var valueBefore, out var billsBefore)
            && table.TryValueAndBills(set, from.Index, to.Index, v, out var valueAfter, out var billsAfter))
            (valueGain, billSaving) = (valueAfter - valueBefore, billsBefore - billsAfter);
        else
        {
            var before = PortfolioUtility.Parts(from, from, l, v, usageGb[i], structure, population, view);
            var after = PortfolioUtility.Parts(to, from, l, v, usageGb[i], structure, population, view);
            (valueGain, billSaving) = (after.Value - before.Value, before.Bills - after.Bills);
        }
        var cause = ChurnCauses.Classify(from, to, valueGain, billSaving, structure, l, view.Outages?.DowntimeHours(l, from) ?? 0);
        foreach (var p in from.SellerArray)
        {
            if (to.Holds(p)) continue;
            churnOut[p]++;
            churnCause[p * ChurnCauses.Count + (int)cause]++;
        }
    }
}
