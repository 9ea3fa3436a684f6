using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MarketSim.Market.Choice;
using MarketSim.Market.Numerics;

namespace MarketSim.Market.Pricing;

// One user's long-run demand at every candidate: its review chain's rows and their stationary distribution, added to
// its location's demand per option (booked for the location as a whole, see DemandOracle.Books.cs).
public sealed partial class DemandOracle
{
    /// <summary>Per-chunk work arrays (one set per chunk, so the parallel loop shares nothing mutable); with
    /// <paramref name="slopes"/>, also the sums of the users' first and second derivatives along each candidate's
    /// direction (see <see cref="StationaryDerivatives"/>).</summary>
    private sealed class Scratch(int portfolios, int contracts, int candidates, bool slopes = false, bool grouped = false)
    {
        private static int Groups(int count) => (count + Lanes - 1) / Lanes;

        public readonly double[] BaseUtility = new double[portfolios * portfolios];      // [held, option]: this user's utility at zero fees
        public readonly double[] BillAtZero = new double[portfolios * contracts];       // [option, contract]: actual bill at zero fee (overage)
        public readonly double[] Transitions = new double[portfolios * portfolios];
        public readonly double[] Stationary = new double[portfolios];
        public readonly double[] Bills = new double[contracts];
        public readonly double[] OptionFactor = new double[portfolios];                 // [option]: one candidate's option factors (the scalar rows)
        public readonly double[] Exponents = new double[portfolios * candidates];       // the user's distinct option factors, exponents then exps (a group's: one user's option factors)
        // Per device (0 legacy, 1 MPTCP) of the location being summed:
        public readonly double[] Demand = new double[2 * candidates * portfolios];           // [device, candidate, option]: sum of stationary probabilities
        public readonly double[] DemandBills = new double[2 * candidates * portfolios * contracts]; // [device, candidate, option, contract]: sum of probability × bill at zero fee
        // [device, group of four runs, option], run n in lane n mod 4: the value pass's sums of stationary probabilities per
        // run of candidates alike (see OptionCosts), spread to the run's candidates in Demand once the location is summed.
        public readonly Vector256<double>[] RunDemand = new Vector256<double>[2 * Groups(candidates) * portfolios];
        public readonly double[]? DemandSlope = slopes ? new double[2 * candidates * portfolios] : null;     // the same sums of first derivatives
        public readonly double[]? DemandCurvature = slopes ? new double[2 * candidates * portfolios] : null; // and of second derivatives
        public readonly double[]? DemandBillsSlope = slopes ? new double[2 * candidates * portfolios * contracts] : null;
        public readonly double[]? DemandBillsCurvature = slopes ? new double[2 * candidates * portfolios * contracts] : null;
        public readonly bool[] Present = new bool[2];                                       // some user of the location has the device
        public readonly double[] CostShift = new double[2 * candidates * portfolios];        // [device, candidate, option]: fee cost above the candidate's cheapest
        public readonly int[] NewFactor = new int[2 * candidates * portfolios];              // [device, n]: positions whose factor is not the previous candidate's
        public readonly int[] NewFactors = new int[2];
        public readonly double[] NewShift = new double[2 * candidates * portfolios];         // [device, n]: the cost shift at NewFactor[n]
        public readonly int[] FactorSource = new int[2 * candidates * portfolios];           // [device, candidate, option]: n of the factor it takes
        public int FactorSourceAt;                                                           // the current user's device's FactorSource (set by SetUp)
        public readonly int[] Distinct = new int[2 * candidates];                            // [device, n]: candidates a user's chain is solved for
        public readonly int[] RunEnd = new int[2 * candidates];                              // [device, n]: end of Distinct[n]'s run of candidates alike
        public readonly int[] DistinctCount = new int[2];
        public readonly Vector256<double>[] LaneTransitions = new Vector256<double>[portfolios * portfolios]; // four candidates at once
        public readonly Vector256<double>[] LaneStationary = new Vector256<double>[portfolios];
        public readonly Vector256<double>[] LaneFactor = new Vector256<double>[portfolios];
        // [device, candidate group, held, option]: the direction's fee weight in each utility, one candidate per lane.
        public readonly Vector256<double>[] LaneDirection = new Vector256<double>[slopes ? 2 * Groups(candidates) * portfolios * portfolios : 0];
        // [value | first | second derivative, slot, device, candidate group, option]: a location's sums, one candidate per
        // lane, by slot (see Slots) (and the same times each contract's bill at zero fee, [variant, device, group, option,
        // contract], every user in one sum: a tariff with overage makes no user groupable).
        public readonly Vector256<double>[] LaneSums = new Vector256<double>[slopes ? 3 * Slots * 2 * Groups(candidates) * portfolios : 0];
        public readonly Vector256<double>[] LaneBillSums = new Vector256<double>[slopes ? 3 * 2 * Groups(candidates) * portfolios * contracts : 0];
        public readonly Vector256<double>[] LaneFirst = new Vector256<double>[slopes ? portfolios : 0];
        public readonly Vector256<double>[] LaneSecond = new Vector256<double>[slopes ? portfolios : 0];
        public readonly Vector256<double>[] LaneWork = new Vector256<double>[slopes
            ? Math.Max(2 * portfolios * portfolios + 2 * portfolios, StationaryDerivatives.OptionSlopesWork(portfolios)) : 0];

        /// <summary>
        /// The slope pass sums a location's users in five slots per candidate and option: the users whose rows factor
        /// (see <see cref="Groupable"/>) in turn into slots 0-3 by device, the others into slot 4, then adds them as
        /// ((t0 + t1) + t2) + t3 + t4. The slots are what four users in vector lanes sum (one user per lane), so a pass
        /// that takes users four at a time (<see cref="Grouped"/>) and one that takes them one by one give the same bits,
        /// and which one runs may depend on the number of distinct fee vectors without a candidate's numbers depending on
        /// the others.
        /// </summary>
        public const int Slots = 5;

        /// <summary>The slot of users whose rows do not factor.</summary>
        public const int OtherSlot = 4;

        /// <summary>This pass sums groupable users four at a time, one per lane, into <see cref="UserLaneSums"/>.</summary>
        public readonly bool Grouped = grouped;

        // The next slot of each device's groupable users (one by one), and the queued users of each device's group of four
        // (four at a time) with their count.
        public readonly int[] NextSlot = new int[2];
        public readonly int[] Pending = new int[2 * Lanes];
        public readonly int[] PendingCount = new int[2];
        // A group's factored rows and option factors, one user per lane, its rows at each distinct fee vector
        // ([candidate, held, option]), and its sums, [value | first | second, device, candidate, option] one slot per lane.
        public readonly Vector256<double>[] GroupFactorLanes = new Vector256<double>[grouped ? portfolios * portfolios : 0];
        public readonly Vector256<double>[] GroupOptionLanes = new Vector256<double>[grouped ? candidates * portfolios : 0]; // [candidate, option] at distinct fees
        public readonly Vector256<double>[] GroupTransitions = new Vector256<double>[grouped ? candidates * portfolios * portfolios : 0];
        // Each distinct fee vector's chain as its elimination leaves it: π, and the P and pivots its candidates' derivative
        // solves read, [candidate, ...] at the fee vector's first candidate; the candidates at a fee vector, and up to three
        // of them solved together: their option weights, derivatives ([option, direction]) and work lanes.
        public readonly Vector256<double>[] GroupStationary = new Vector256<double>[grouped ? candidates * portfolios : 0];
        public readonly Vector256<double>[] GroupShared = new Vector256<double>[grouped ? candidates * StationaryDerivatives.EliminationWork(portfolios) : 0];
        public readonly int[] GroupMembers = new int[grouped ? candidates : 0];
        public readonly Vector256<double>[] GroupWeight = new Vector256<double>[grouped ? 3 * portfolios : 0];
        public readonly Vector256<double>[] GroupFirst = new Vector256<double>[grouped ? 3 * portfolios : 0];
        public readonly Vector256<double>[] GroupSecond = new Vector256<double>[grouped ? 3 * portfolios : 0];
        public readonly Vector256<double>[] GroupDirectionWork = new Vector256<double>[grouped ? 3 * StationaryDerivatives.DirectionWork(portfolios) : 0];
        public readonly Vector256<double>[] UserLaneSums = new Vector256<double>[grouped ? 3 * 2 * candidates * portfolios : 0];

        // Where this pass reads its chunk's factored rows (see LoadFactors): user i's start is FactorAt[i − FactorBase].
        public double[]? Factors;
        public int[]? FactorAt;
        public int FactorBase;
        public bool FactorsRented;

        public int Width => portfolios;

        /// <summary>Index in <see cref="RunDemand"/> of option <paramref name="o"/> of the group of four runs holding run
        /// <paramref name="run"/> of a device's candidates.</summary>
        public int RunDemandAt(int device, int run, int o) => ((device * Groups(candidates) + (run / Lanes)) * portfolios) + o;

        /// <summary>Lanes between slots of <see cref="LaneSums"/>.</summary>
        public int LaneSumsStride => 2 * Groups(candidates) * portfolios;

        /// <summary>Lanes between variants (value, first, second derivative) of <see cref="LaneSums"/>.</summary>
        public int LaneSumsVariantStride => Slots * LaneSumsStride;

        public int LaneBillSumsStride => LaneSumsStride * contracts;

        /// <summary>The demand sums a slope pass fills: the probabilities and their first and second derivatives.</summary>
        public double[][] SlopeDemand => [Demand, DemandSlope!, DemandCurvature!];

        /// <summary>The same for the sums of probability × bill at zero fee.</summary>
        public double[][] SlopeDemandBills => [DemandBills, DemandBillsSlope!, DemandBillsCurvature!];
    }

    /// <summary>Which table user <paramref name="i"/> reads, how many distinct rows its chain has and whether they factor.</summary>
    private (ChoiceTable Table, int Rows, bool Factored) Classify(int i, PreparedMonth month)
    {
        var table = month.Tables[users.Location[i] * 2 + DeviceOf(i, month)];
        var rows = table.RowsAlike ? 1 : table.Options.Length;
        // With inertia every held portfolio has its own row; under the plain logit with flat tariffs the rows' exponentials
        // factor into a per-user part and one exponential per option and candidate (FactoredLogitRows).
        return (table, rows, rows > 1 && table.FeeWeightsAlike && !choice.Nested);
    }

    private int DeviceOf(int i, PreparedMonth month) => users.DeviceDraw[i] < month.CapableShare ? 1 : 0;

    /// <summary>Writes user <paramref name="i"/>'s fee-free utilities of its <paramref name="rows"/> rows into the scratch.</summary>
    private void FillUtilities(int i, PreparedMonth month, ChoiceTable table, int rows, Scratch s)
    {
        var catalogue = structure.Catalogue;
        var l = users.Location[i];
        var value = users.ThroughputValue[i];
        var options = table.Options;
        var k = options.Length;
        // LogThroughput × value + Base, each product and sum rounded as the scalar expression rounds them (not fused).
        TensorPrimitives.MultiplyAdd(table.LogThroughput.AsSpan(0, rows * k), value, table.Base.AsSpan(0, rows * k), s.BaseUtility.AsSpan(0, rows * k));
        if (!usageBilled) return;
        // Overage is not affine in usage (the allowance): the one per-user utility evaluation, only when a tariff has one.
        for (var held = 0; held < rows; held++)
        {
            var current = catalogue[options[held]];
            for (var o = 0; o < k; o++)
            {
                var option = catalogue[options[o]];
                if (option.IsOutside) continue;
                s.BaseUtility[held * k + o] -= PortfolioUtility.Parts(option, current, l, 0, users.UsageGb[i], structure, population, month.Zero).Bills;
            }
        }
    }

    /// <summary>Writes user <paramref name="i"/>'s bills at zero fees (overage) of every option and contract into the scratch.</summary>
    private void FillBillsAtZero(int i, PreparedMonth month, ChoiceTable table, Scratch s)
    {
        var catalogue = structure.Catalogue;
        for (var o = 0; o < table.Options.Length; o++)
        {
            var option = catalogue[table.Options[o]];
            if (option.IsOutside) continue;
            PortfolioUtility.Bills(option, users.Location[i], users.UsageGb[i], structure, month.Zero, s.Bills.AsSpan(0, option.Providers.Count));
            for (var contract = 0; contract < option.Providers.Count; contract++) s.BillAtZero[o * maxContracts + contract] = s.Bills[contract];
        }
    }

    /// <summary>Adds user <paramref name="i"/>'s stationary probabilities at every candidate to its device's demand (and,
    /// where a tariff bills overage, probability × its own bill at zero fee).</summary>
    private void AddUser(int i, PreparedMonth month, double[][] candidates, Scratch s)
    {
        var (device, table, rows, factored, utilitiesReady, factor) = SetUp(i, month, candidates.Length, s);
        var k = table.Options.Length;
        var transitions = s.Transitions.AsSpan(0, k * k);
        var stationary = s.Stationary.AsSpan(0, k);
        // Only candidates whose fees differ from the one before for some option the user can buy are solved (see
        // OptionCosts); the others have the same chain, so they get the same probabilities.
        var distinct = s.Distinct.AsSpan(device * candidates.Length, s.DistinctCount[device]);
        var runEnd = s.RunEnd.AsSpan(device * candidates.Length, distinct.Length);
        var start = 0;
        if (factored && !table.RowsAlike)
        {
            // The last group's spare lanes repeat its last candidate and are dropped (a lane's bits do not depend on the others).
            for (; start < distinct.Length; start += Lanes)
            {
                if (!FourCandidates(start, distinct[start..], runEnd[start..], k, rows, factor, device, candidates.Length, s)) break;
            }
        }
        for (var n = start; n < distinct.Length; n++)
        {
            var g = distinct[n];
            utilitiesReady = ScalarRows(i, month, table, rows, factored ? factor : default, candidates[g], g, s, utilitiesReady);
            if (table.RowsAlike) transitions[..k].CopyTo(stationary);
            else StationaryDistribution.Solve(transitions, k, stationary);
            AddDemand(device, candidates.Length, n, g, runEnd[n], k, stationary, s);
        }
    }

    /// <summary>Adds a user's stationary probabilities at run <paramref name="run"/> of candidates alike, [first, end), to its
    /// device's sums: the run's lane of <see cref="Scratch.RunDemand"/> (and, where a tariff bills overage, probability ×
    /// its own bill at zero fee to each candidate's).</summary>
    private void AddDemand(int device, int candidates, int run, int first, int end, int k, ReadOnlySpan<double> stationary, Scratch s)
    {
        for (var o = 0; o < k; o++) RunLane(s, device, run, o) += stationary[o];
        if (!usageBilled) return;
        var c = maxContracts;
        for (var g = first; g < end; g++)
        {
            var bills = s.DemandBills.AsSpan((device * candidates + g) * s.Width * c, k * c);
            for (var x = 0; x < k * c; x++) bills[x] += stationary[x / c] * s.BillAtZero[x];
        }
    }

    /// <summary>Run <paramref name="run"/>'s lane of option <paramref name="o"/> in <see cref="Scratch.RunDemand"/>.</summary>
    private static ref double RunLane(Scratch s, int device, int run, int o)
        => ref Unsafe.Add(ref Unsafe.As<Vector256<double>, double>(ref s.RunDemand[s.RunDemandAt(device, run, o)]), run % Lanes);

    /// <summary>Writes a location's run sums of <paramref name="device"/> to each candidate of the run in
    /// <see cref="Scratch.Demand"/>: a run's candidates have the same chain for every user, so each one's sum is the run's,
    /// added user by user in the same order (the same bits as adding to each candidate).</summary>
    private static void SpreadRunDemand(int device, int candidates, int k, Scratch s)
    {
        var distinct = s.Distinct.AsSpan(device * candidates, s.DistinctCount[device]);
        var runEnd = s.RunEnd.AsSpan(device * candidates, distinct.Length);
        for (var n = 0; n < distinct.Length; n++)
        {
            for (var g = distinct[n]; g < runEnd[n]; g++)
            {
                var demand = s.Demand.AsSpan((device * candidates + g) * s.Width, k);
                for (var o = 0; o < k; o++) demand[o] = RunLane(s, device, n, o);
            }
        }
    }

    /// <summary>User <paramref name="i"/>'s factored rows (see <see cref="FactoredLogitRows"/>) where this pass reads them
    /// (see <see cref="LoadFactors"/>).</summary>
    private static ReadOnlySpan<double> UserFactors(int i, int rows, int k, Scratch s) => s.Factors.AsSpan(s.FactorAt![i - s.FactorBase], rows * k);

    /// <summary>What a user's pass starts from: its device, table and rows, whether they factor, whether its utilities are
    /// filled, and its factored rows.</summary>
    private readonly ref struct UserSetup(int device, ChoiceTable table, int rows, bool factored, bool utilitiesReady, ReadOnlySpan<double> factor)
    {
        private readonly ReadOnlySpan<double> factor = factor;

        public void Deconstruct(out int deviceOut, out ChoiceTable tableOut, out int rowsOut, out bool factoredOut, out bool utilitiesReadyOut,
            out ReadOnlySpan<double> factorOut)
        {
            (deviceOut, tableOut, rowsOut, factoredOut, utilitiesReadyOut) = (device, table, rows, factored, utilitiesReady);
            factorOut = factor;
        }
    }

    /// <summary>Sets user <paramref name="i"/> up in the scratch for a pass over <paramref name="candidates"/> candidates:
    /// its utilities (if its rows factor, only when a row underflows, filled later), its bills at zero fee under overage,
    /// its factored rows and its option factors.</summary>
    private UserSetup SetUp(int i, PreparedMonth month, int candidates, Scratch s)
    {
        var alpha = users.PriceSensitivity[i];
        var device = DeviceOf(i, month);
        var (table, rows, factored) = Classify(i, month);
        var utilitiesReady = !factored;
        if (utilitiesReady) FillUtilities(i, month, table, rows, s);
        if (usageBilled) FillBillsAtZero(i, month, table, s);
        var k = table.Options.Length;
        var factor = factored ? UserFactors(i, rows, k, s) : default;
        s.FactorSourceAt = device * candidates * s.Width;
        if (factored) OptionFactors(device, candidates, alpha, s);
        return new UserSetup(device, table, rows, factored, utilitiesReady, factor);
    }

    /// <summary>Writes user <paramref name="i"/>'s <paramref name="rows"/> rows at candidate <paramref name="g"/> into the
    /// scratch's transitions: from its factored rows where given (<paramref name="factor"/> not empty) and they do not
    /// underflow, otherwise from its utilities (filled on first need; returns whether they are now filled).</summary>
    private bool ScalarRows(int i, PreparedMonth month, ChoiceTable table, int rows, ReadOnlySpan<double> factor, double[] fees, int g, Scratch s,
        bool utilitiesReady)
    {
        var k = table.Options.Length;
        var optionFactor = s.OptionFactor.AsSpan(0, k);
        if (!factor.IsEmpty)
        {
            var source = s.FactorSource.AsSpan(s.FactorSourceAt + (g * k), k);
            for (var o = 0; o < k; o++) optionFactor[o] = s.Exponents[source[o]];
        }
        for (var held = 0; held < rows; held++)
        {
            var row = s.Transitions.AsSpan(held * k, k);
            if (!factor.IsEmpty && FactoredLogitRows.Row(factor.Slice(held * k, k), optionFactor, row)) continue;
            if (!utilitiesReady)
            {
                FillUtilities(i, month, table, rows, s);
                utilitiesReady = true;
            }
            DirectRow(i, table, held, fees, s, row);
        }
        return utilitiesReady;
    }

    /// <summary>Row <paramref name="held"/> of user <paramref name="i"/>'s chain at <paramref name="fees"/> from its utilities
    /// (filled in the scratch), without the factored shortcut.</summary>
    private void DirectRow(int i, ChoiceTable table, int held, double[] fees, Scratch s, Span<double> row)
    {
        var catalogue = structure.Catalogue;
        var options = table.Options;
        int k = options.Length, c = maxContracts;
        for (var o = 0; o < k; o++)
        {
            var sellers = catalogue[options[o]].SellerArray;
            var u = s.BaseUtility[held * k + o];
            for (var contract = 0; contract < sellers.Length; contract++) u -= table.FeeWeight[(held * k + o) * c + contract] * fees[sellers[contract]];
            row[o] = u;
        }
        choice.Probabilities(row, options, users.Location[i], users.PriceSensitivity[i], row);
    }

    /// <summary>
    /// optionFactor(g, o) = exp(−alpha × (cost(g, o) − candidate g's cheapest)) for this user (see
    /// <see cref="FactoredLogitRows"/>): only the distinct ones (an option whose fees differ from the candidate before it;
    /// a unilateral fee change moves only the options holding the provider that changed), into the scratch's exponents,
    /// taken in one vectorized call; candidate g's option o reads the one at <see cref="Scratch.FactorSource"/> (see
    /// <see cref="OptionCosts"/>).
    /// </summary>
    private static void OptionFactors(int device, int candidates, double alpha, Scratch s)
    {
        var count = s.NewFactors[device];
        var shift = s.NewShift.AsSpan(device * candidates * s.Width, count);
        var exponents = s.Exponents.AsSpan(0, count);
        // max(−alpha × shift, floor), each product and maximum rounded as the scalar expression rounds it.
        TensorPrimitives.Multiply(shift, -alpha, exponents);
        TensorPrimitives.Max(exponents, FactoredLogitRows.MinExponent, exponents);
        SteadyExp.InPlace(exponents);
    }

    /// <summary>Candidates a user's chain is solved for at once, one per vector lane.</summary>
    private const int Lanes = 4;

    /// <summary>The first four (fewer at the end) of <paramref name="distinct"/> candidates of a user whose rows factor:
    /// rows and stationary distribution in vector lanes, each lane bit for bit the scalar path's, added to every candidate
    /// of each one's run (up to <paramref name="runEnd"/>); false (nothing added) when some row underflows, for the scalar
    /// path to take them from there.</summary>
    private bool FourCandidates(int firstRun, ReadOnlySpan<int> distinct, ReadOnlySpan<int> runEnd, int k, int rows, ReadOnlySpan<double> factor, int device,
        int candidates, Scratch s)
    {
        var used = Math.Min(Lanes, distinct.Length);
        var last = used - 1;
        if (!LaneRows((distinct[0], distinct[Math.Min(1, last)], distinct[Math.Min(2, last)], distinct[Math.Min(3, last)]), k, rows, factor, s)) return false;
        var stationary = s.LaneStationary.AsSpan(0, k);
        StationaryDistribution.Solve(s.LaneTransitions.AsSpan(0, k * k), k, stationary);
        // The four runs' sums in one vector per option (a spare lane of a short last group sums a repeat, never read).
        var sums = s.RunDemand.AsSpan(s.RunDemandAt(device, firstRun, 0), k);
        for (var o = 0; o < k; o++) sums[o] += stationary[o];
        if (!usageBilled) return true;
        for (var lane = 0; lane < used; lane++)
        {
            for (var g = distinct[lane]; g < runEnd[lane]; g++)
            {
                var c = maxContracts;
                var bills = s.DemandBills.AsSpan((device * candidates + g) * s.Width * c, k * c);
                for (var x = 0; x < k * c; x++) bills[x] += stationary[x / c].GetElement(lane) * s.BillAtZero[x];
            }
        }
        return true;
    }

    /// <summary>The factored rows of four candidates (a short last group repeats its last candidate) in the scratch's lane
    /// transitions; false when some row underflows.</summary>
    private static bool LaneRows((int Zero, int One, int Two, int Three) candidate, int k, int rows, ReadOnlySpan<double> factor, Scratch s)
    {
        var transitions = s.LaneTransitions.AsSpan(0, k * k);
        var optionFactor = s.LaneFactor.AsSpan(0, k);
        var source = s.FactorSource.AsSpan(s.FactorSourceAt);
        var at = (Zero: candidate.Zero * k, One: candidate.One * k, Two: candidate.Two * k, Three: candidate.Three * k);
        var exps = s.Exponents;
        for (var o = 0; o < k; o++)
            optionFactor[o] = Vector256.Create(exps[source[at.Zero + o]], exps[source[at.One + o]], exps[source[at.Two + o]], exps[source[at.Three + o]]);
        for (var held = 0; held < rows; held++)
        {
            if (!FactoredLogitRows.Row(factor.Slice(held * k, k), optionFactor, transitions.Slice(held * k, k))) return false;
        }
        return true;
    }
}
