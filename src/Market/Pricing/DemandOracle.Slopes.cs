using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MarketSim.Market.Providers;

namespace MarketSim.Market.Pricing;

// Profit's first and second derivatives along a direction in fee space, from one pass over the users: what a Newton step
// of the fee search needs, at the cost of about one evaluation instead of three (see StationaryDerivatives).
public sealed partial class DemandOracle
{
    /// <summary>Whether <see cref="EvaluateSlopes"/> is available: under the plain logit (the nested logit's probabilities
    /// have other derivatives; searches there use finite differences).</summary>
    public bool HasSlopes => !choice.Nested;

    /// <summary>
    /// Every provider's expected month at each candidate, with the first and second derivative of its profit along the
    /// candidate's direction (profit at candidate + t × direction, differentiated at t = 0): [candidate][provider].
    /// Exact derivatives of the same expectation <see cref="Evaluate(int, ThroughputTable, IReadOnlyList{IReadOnlyList{double}})"/>
    /// gives (its value here summed over the users in another order, so equal to it up to the last bits, not bit for bit);
    /// a candidate's numbers do not depend on the others it is evaluated with. Candidates at the same fees along different
    /// directions (a month's firms probing the same fee vector) share their users' chains: each user's rows and their
    /// elimination are computed once, and only the derivative solves once per direction.
    /// </summary>
    public ProfitSlope[][] EvaluateSlopes(int tick, ThroughputTable throughput, IReadOnlyList<IReadOnlyList<double>> candidates,
        IReadOnlyList<IReadOnlyList<double>> directions)
    {
        ArgumentNullException.ThrowIfNull(throughput);
        if (!HasSlopes) throw new NotSupportedException("Profit slopes are computed under the plain logit only (demand: logit).");
        var fees = Rows(candidates, nameof(candidates));
        var along = Rows(directions, nameof(directions));
        if (along.Length != fees.Length) throw new ArgumentException("One direction per candidate.", nameof(directions));
        var request = new SweepRequest(structure, fees, along);
        var total = Sweep(tick, throughput, request);
        var g = request.Candidates;
        var result = new ProfitSlope[g][];
        for (var c = 0; c < g; c++)
        {
            // Variants (see SweepRequest): 0 demand at the fees, 1 its slope, 2 its curvature, 3 demand at fees + direction,
            // 4 its slope there. Profit is linear in what is booked, so differences of booked profits are its derivatives.
            var at = Enumerable.Range(0, SweepRequest.SlopeVariants).Select(v => Expectations(total, v * g + c)).ToArray();
            result[c] = new ProfitSlope[structure.ProviderCount];
            for (var p = 0; p < structure.ProviderCount; p++)
            {
                double value = at[0][p].Profit, slope = at[1][p].Profit, curvature = at[2][p].Profit;
                double shifted = at[3][p].Profit, shiftedSlope = at[4][p].Profit;
                result[c][p] = new ProfitSlope(at[0][p], slope + (shifted - value), curvature + 2 * (shiftedSlope - slope));
            }
        }
        return result;
    }

    /// <summary>
    /// What one pass over the users is asked for: candidate fee vectors and, for slopes, a direction per candidate. The
    /// books are linear in the demand sums and affine in the fees, so with demand D(t) and fees x + t d the profit
    /// B(D(t), x + t d) has B' = B(D', x) + B(D, x + d) − B(D, x) and B'' = B(D'', x) + 2 (B(D', x + d) − B(D', x)):
    /// five bookings (variants) of three demand sums.
    /// </summary>
    private sealed class SweepRequest
    {
        public const int SlopeVariants = 5;

        public SweepRequest(MarketStructure structure, double[][] fees, double[][]? directions)
        {
            Fees = fees;
            Wholesale = WholesaleOf(structure, fees);
            Directions = directions;
            if (directions is null) return;
            FeeSource = new int[fees.Length];
            for (var g = 0; g < fees.Length; g++)
            {
                var first = 0;
                // The same bits (a fee of −0 is not taken for 0: the rows must be the very ones the candidate gets alone).
                while (!MemoryMarshal.Cast<double, long>(fees[first]).SequenceEqual(MemoryMarshal.Cast<double, long>(fees[g]))) first++;
                FeeSource[g] = first;
                if (first == g) DistinctFees++;
            }
            FeesPlus = fees.Select((f, g) => f.Select((x, p) => x + directions[g][p]).ToArray()).ToArray();
            WholesalePlus = WholesaleOf(structure, FeesPlus);
        }

        public double[][] Fees { get; }

        public double[][] Wholesale { get; }

        public double[][]? Directions { get; }

        public double[][]? FeesPlus { get; }

        public double[][]? WholesalePlus { get; }

        public int Candidates => Fees.Length;

        /// <summary>Each candidate's first candidate with the same fees (itself if none before it); slope requests only.</summary>
        public int[] FeeSource { get; } = [];

        /// <summary>Candidates whose fees no candidate before them has; slope requests only.</summary>
        public int DistinctFees { get; }

        public int Variants => Directions is null ? 1 : SlopeVariants;

        private static double[][] WholesaleOf(MarketStructure structure, double[][] fees)
            => fees.Select(f => structure.Providers.Select(p => p is IspSpec isp ? isp.WholesalePrice(f[p.Index]) : 0).ToArray()).ToArray();
    }

    /// <summary>Each utility's fee weight along each candidate's direction at one location and device, four candidates to a
    /// vector (a group's spare lanes repeat its last candidate): w(h, o) = Σ over o's contracts of fee weight × the
    /// direction's entry for the contract's seller.</summary>
    private void DirectionWeights(ChoiceTable table, int device, double[][] directions, Scratch s)
    {
        var catalogue = structure.Catalogue;
        var options = table.Options;
        int k = options.Length, c = maxContracts, square = s.Width * s.Width, groups = (directions.Length + Lanes - 1) / Lanes;
        Span<double> lane = stackalloc double[Lanes];
        for (var group = 0; group < groups; group++)
        {
            var weights = s.LaneDirection.AsSpan((device * groups + group) * square, k * k);
            for (var held = 0; held < k; held++)
            {
                for (var o = 0; o < k; o++)
                {
                    var sellers = catalogue[options[o]].SellerArray;
                    for (var n = 0; n < Lanes; n++)
                    {
                        var d = directions[Math.Min(group * Lanes + n, directions.Length - 1)];
                        double w = 0;
                        for (var contract = 0; contract < sellers.Length; contract++) w += table.FeeWeight[(held * k + o) * c + contract] * d[sellers[contract]];
                        lane[n] = w;
                    }
                    weights[held * k + o] = Vector256.Create(lane[0], lane[1], lane[2], lane[3]);
                }
            }
        }
    }

    /// <summary>Adds user <paramref name="i"/>'s stationary probabilities and their first and second derivatives along each
    /// candidate's direction to its device's demand sums (and, under overage, the same times its own bill at zero fee),
    /// four candidates at a time in vector lanes, into the sums of <paramref name="slot"/> (see <see cref="Scratch.Slots"/>).</summary>
    private void AddUserSlopes(int i, PreparedMonth month, double[][] candidates, Scratch s, int slot)
    {
        var alpha = users.PriceSensitivity[i];
        var (device, table, rows, factored, utilitiesReady, factor) = SetUp(i, month, candidates.Length, s);
        int k = table.Options.Length, width = s.Width, count = candidates.Length, groups = (count + Lanes - 1) / Lanes;
        var transitions = s.LaneTransitions.AsSpan(0, k * k);
        var stationary = s.LaneStationary.AsSpan(0, k);
        for (var group = 0; group < groups; group++)
        {
            var first = group * Lanes;
            var used = Math.Min(Lanes, count - first);
            if (!(factored && !table.RowsAlike && LaneRows((first, first + Math.Min(1, used - 1), first + Math.Min(2, used - 1), first + Math.Min(3, used - 1)), k, rows, factor, s)))
            {
                // Rows one candidate at a time (utilities with rebates, no inertia, or an underflowing factored row).
                for (var lane = 0; lane < Lanes; lane++)
                {
                    var g = first + Math.Min(lane, used - 1);
                    utilitiesReady = ScalarRows(i, month, table, rows, factor, candidates[g], g, s, utilitiesReady);
                    for (var x = 0; x < rows * k; x++) transitions[x] = transitions[x].WithElement(lane, s.Transitions[x]);
                }
            }
            // Utilities move by −alpha × the direction's fee weight.
            var weights = s.LaneDirection.AsSpan((device * groups + group) * width * width, rows * k);
            // Under flat tariffs every row weighs an option's fees alike: row 0's weights are the option's.
            if (table.FeeWeightsAlike && !table.RowsAlike)
                StationaryDerivatives.SolveOptionSlopes(transitions, weights[..k], Vector256.Create(-alpha), k, stationary, s.LaneFirst, s.LaneSecond, s.LaneWork);
            else StationaryDerivatives.Solve(transitions, weights, -alpha, k, table.RowsAlike, stationary, s.LaneFirst, s.LaneSecond, s.LaneWork);
            // Summed in lanes (each lane adds its slot's users in order) and spread over candidates once per location
            // (SpreadLaneSums).
            var at = (device * groups + group) * width;
            var sums = s.LaneSums.AsSpan(slot * s.LaneSumsStride, 2 * s.LaneSumsVariantStride + s.LaneSumsStride);
            for (var o = 0; o < k; o++)
            {
                sums[at + o] += stationary[o];
                sums[s.LaneSumsVariantStride + at + o] += s.LaneFirst[o];
                sums[2 * s.LaneSumsVariantStride + at + o] += s.LaneSecond[o];
            }
            if (!usageBilled) continue;
            var c = maxContracts;
            var bills = s.LaneBillSums.AsSpan(0, 3 * s.LaneBillSumsStride);
            for (var x = 0; x < k * c; x++)
            {
                var bill = Vector256.Create(s.BillAtZero[x]);
                bills[at * c + x] += stationary[x / c] * bill;
                bills[s.LaneBillSumsStride + at * c + x] += s.LaneFirst[x / c] * bill;
                bills[2 * s.LaneBillSumsStride + at * c + x] += s.LaneSecond[x / c] * bill;
            }
        }
    }

    /// <summary>Writes a location's lane sums (probabilities, first and second derivatives, and under overage the same
    /// times the users' bills at zero fee) into the per-candidate demand sums the books read, and clears them. Each
    /// candidate's sum is ((t0 + t1) + t2) + t3 + t4: t0-t3 the sums of the four slots of grouped users (in candidate
    /// lanes, or in user lanes when the location was summed four users at a time: the same additions either way), t4 the
    /// other users'.</summary>
    private void SpreadLaneSums(int candidates, Scratch s)
    {
        int width = s.Width, c = maxContracts, groups = (candidates + Lanes - 1) / Lanes;
        var demand = s.SlopeDemand;
        var bills = s.SlopeDemandBills;
        var userStride = 2 * candidates * width;
        for (var device = 0; device < 2; device++)
        {
            for (var g = 0; g < candidates; g++)
            {
                int lane = g % Lanes, at = (device * groups + g / Lanes) * width, to = (device * candidates + g) * width;
                for (var v = 0; v < 3; v++)
                {
                    var sums = s.LaneSums.AsSpan(v * s.LaneSumsVariantStride, s.LaneSumsVariantStride);
                    for (var o = 0; o < width; o++)
                    {
                        double t0, t1, t2, t3;
                        if (s.Grouped)
                        {
                            var slots = s.UserLaneSums[v * userStride + to + o];
                            (t0, t1, t2, t3) = (slots.GetElement(0), slots.GetElement(1), slots.GetElement(2), slots.GetElement(3));
                        }
                        else
                        {
                            t0 = sums[at + o].GetElement(lane);
                            t1 = sums[s.LaneSumsStride + at + o].GetElement(lane);
                            t2 = sums[2 * s.LaneSumsStride + at + o].GetElement(lane);
                            t3 = sums[3 * s.LaneSumsStride + at + o].GetElement(lane);
                        }
                        demand[v][to + o] = t0 + t1 + t2 + t3 + sums[Scratch.OtherSlot * s.LaneSumsStride + at + o].GetElement(lane);
                    }
                    if (!usageBilled) continue;
                    for (var x = 0; x < width * c; x++) bills[v][to * c + x] = s.LaneBillSums[v * s.LaneBillSumsStride + at * c + x].GetElement(lane);
                }
            }
        }
        s.LaneSums.AsSpan().Clear();
        if (s.Grouped) s.UserLaneSums.AsSpan().Clear();
        if (usageBilled) s.LaneBillSums.AsSpan().Clear();
    }
}

/// <summary>A provider's expected month at a candidate and the derivatives of its profit along the candidate's direction.</summary>
/// <param name="Expectation">The expected month at the candidate.</param>
/// <param name="Slope">d profit / dt at t = 0, profit at candidate + t × direction.</param>
/// <param name="Curvature">d² profit / dt² at t = 0.</param>
public readonly record struct ProfitSlope(ProviderExpectation Expectation, double Slope, double Curvature);
