using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MarketSim.Market.Numerics;

namespace MarketSim.Market.Pricing;

// The slope pass four users at a time, one per vector lane. A month's Newton probes are one per firm (and one fee vector
// once prices settle), so a user's lanes of candidates sit partly idle; lanes of four users are full whatever the number
// of candidates. Each lane's arithmetic is the one its user gets alone in a
// candidate lane, and the users' sums are kept in the same four slots (see Scratch.Slots), so the results are the same
// bits as the one-by-one pass.
public sealed partial class DemandOracle
{
    /// <summary>Whether a sweep for <paramref name="request"/> sums groupable users four at a time: a slope pass whose
    /// distinct fee vectors do not fill whole groups of four candidate lanes (1-3, 5-7...; probes at the same fees along
    /// other directions share their chain). Three fee vectors (a month's three firms still moving) fill three of four
    /// candidate lanes, but four users' lanes are full, and their rows and option factors come without gathering: about
    /// 18 % less time for the pass at 100k users.</summary>
    private static bool GroupsUsers(SweepRequest request) => request.Directions is not null && request.DistinctFees % Lanes != 0;

    /// <summary>Whether user <paramref name="i"/>'s slopes are summed in a slot of four: its rows factor (flat tariffs,
    /// inertia, plain logit) and no tariff bills overage (which would need each user's bills in the sums).</summary>
    private bool Groupable(int i, PreparedMonth month) => !usageBilled && Classify(i, month).Factored;

    /// <summary>Queues user <paramref name="i"/> (groupable, with <paramref name="device"/>) for its device's group and sums
    /// the group once it has four users.</summary>
    private void QueueForGroup(int i, int device, PreparedMonth month, SweepRequest request, Scratch s)
    {
        s.Pending[device * Lanes + s.PendingCount[device]++] = i;
        if (s.PendingCount[device] < Lanes) return;
        AddGroupSlopes(device, Lanes, month, request, s);
        s.PendingCount[device] = 0;
    }

    /// <summary>Sums each device's last, short group of the location.</summary>
    private void FlushGroups(PreparedMonth month, SweepRequest request, Scratch s)
    {
        for (var device = 0; device < 2; device++)
        {
            if (s.PendingCount[device] > 0) AddGroupSlopes(device, s.PendingCount[device], month, request, s);
            s.PendingCount[device] = 0;
        }
    }

    /// <summary>
    /// Adds the <paramref name="used"/> queued users of <paramref name="device"/> (lanes beyond them repeat the last one
    /// and add nothing) at every candidate, one user per lane: their factored rows gathered into lanes and their option
    /// factors computed there, the rows at each distinct fee vector (a row that underflows in some lane is made for each
    /// user as the one-by-one pass makes it) and their chain's elimination, then each candidate's derivatives along its
    /// direction on the elimination of its fees (the same bits as its own elimination: the same rows and operations).
    /// </summary>
    private void AddGroupSlopes(int device, int used, PreparedMonth month, SweepRequest request, Scratch s)
    {
        var candidates = request.Fees;
        var source = request.FeeSource;
        Span<int> ids = [0, 0, 0, 0];
        for (var u = 0; u < Lanes; u++) ids[u] = s.Pending[device * Lanes + Math.Min(u, used - 1)];
        var table = month.Tables[users.Location[ids[0]] * 2 + device];
        int k = table.Options.Length, square = k * k, count = candidates.Length, width = s.Width, groups = (count + Lanes - 1) / Lanes;
        // Each user's factored rows where this pass reads them (see LoadFactors).
        var factorBlocks = s.Factors!;
        Span<int> at = [0, 0, 0, 0];
        for (var u = 0; u < Lanes; u++) at[u] = s.FactorAt![ids[u] - s.FactorBase];
        Gather(factorBlocks, at, square, s.GroupFactorLanes);
        var scale = -Vector256.Create(users.PriceSensitivity[ids[0]], users.PriceSensitivity[ids[1]], users.PriceSensitivity[ids[2]],
            users.PriceSensitivity[ids[3]]);
        OptionFactorLanes(device, k, source, scale, s);
        var factors = s.GroupFactorLanes.AsSpan(0, square);
        var options = s.GroupOptionLanes.AsSpan(0, count * k);
        var transitions = s.GroupTransitions.AsSpan(0, count * square);
        var shared = StationaryDerivatives.EliminationWork(width); // a chain's kept P and pivots
        for (var g = 0; g < count; g++)
        {
            if (source[g] != g) continue;
            var chain = transitions.Slice(g * square, square);
            for (var held = 0; held < k; held++)
            {
                var row = chain.Slice(held * k, k);
                if (!FactoredLogitRows.Row(factors.Slice(held * k, k), options.Slice(g * k, k), row))
                    RowsOneByOne(ids, factorBlocks, at, g, held, month, table, candidates, s, row);
            }
            StationaryDerivatives.EliminateForOptionSlopes(chain, k, s.GroupStationary.AsSpan(g * width, k), s.GroupShared.AsSpan(g * shared, shared));
        }
        var counted = Vector256.LessThan(Vector256.Create(0.0, 1, 2, 3), Vector256.Create((double)used)); // lanes of real users
        var members = s.GroupMembers;
        var variant = 2 * count * width;
        for (var d = 0; d < count; d++)
        {
            if (source[d] != d) continue;
            var n = 0;
            for (var g = d; g < count; g++) if (source[g] == d) members[n++] = g;
            // The fee vector's directions in passes of up to three (four as two and two), their solves side by side.
            for (var from = 0; from < n;)
            {
                var take = n - from == 4 ? 2 : Math.Min(3, n - from);
                var weight = s.GroupWeight.AsSpan(0, k * take);
                for (var j = 0; j < take; j++)
                {
                    // The candidate's direction weight of each option (the same for every held portfolio and every user here).
                    var g = members[from + j];
                    var direction = s.LaneDirection.AsSpan((device * groups + g / Lanes) * width * width, k);
                    for (var o = 0; o < k; o++) weight[o * take + j] = Vector256.Create(direction[o].GetElement(g % Lanes));
                }
                var stationary = s.GroupStationary.AsSpan(d * width, k);
                var firsts = s.GroupFirst.AsSpan(0, k * take);
                var seconds = s.GroupSecond.AsSpan(0, k * take);
                StationaryDerivatives.OptionSlopesOnElimination(transitions.Slice(d * square, square), weight, scale, k, stationary, firsts, seconds,
                    s.GroupShared.AsSpan(d * shared, shared), s.GroupDirectionWork, take);
                for (var j = 0; j < take; j++)
                {
                    var sums = s.UserLaneSums.AsSpan((device * count + members[from + j]) * width, 2 * variant + k);
                    for (var o = 0; o < k; o++)
                    {
                        sums[o] += Vector256.ConditionalSelect(counted, stationary[o], Vector256<double>.Zero);
                        sums[variant + o] += Vector256.ConditionalSelect(counted, firsts[o * take + j], Vector256<double>.Zero);
                        sums[2 * variant + o] += Vector256.ConditionalSelect(counted, seconds[o * take + j], Vector256<double>.Zero);
                    }
                }
                from += take;
            }
        }
    }

    /// <summary>
    /// The group's option factors at each distinct fee vector of the request (see <see cref="OptionFactors"/>),
    /// one user per lane: exp(max(−alpha × cost shift, <see cref="FactoredLogitRows.MinExponent"/>)) with the user's −alpha in
    /// <paramref name="scale"/>, one vectorized call per fee vector; each lane the bits its user's own call gives (the same
    /// products, and exponentials on the library's vector path, element by element alike).
    /// </summary>
    private static void OptionFactorLanes(int device, int k, int[] source, Vector256<double> scale, Scratch s)
    {
        var count = source.Length;
        var shift = s.CostShift.AsSpan(device * count * s.Width, count * k);
        var floor = Vector256.Create(FactoredLogitRows.MinExponent);
        for (var g = 0; g < count; g++)
        {
            if (source[g] != g) continue;
            var lanes = s.GroupOptionLanes.AsSpan(g * k, k);
            for (var o = 0; o < k; o++) lanes[o] = Vector256.Max(scale * Vector256.Create(shift[g * k + o]), floor);
            var values = MemoryMarshal.Cast<Vector256<double>, double>(lanes);
            SteadyExp.InPlace(values);
        }
    }

    /// <summary>Lanes[x] = (blocks[at0 + x], blocks[at1 + x], blocks[at2 + x], blocks[at3 + x]) for x &lt; n: four blocks
    /// of <paramref name="n"/> numbers (four users', or four candidates' of one user), one per lane.</summary>
    private static void Gather(double[] blocks, ReadOnlySpan<int> at, int n, Vector256<double>[] lanes)
    {
        var b0 = blocks.AsSpan(at[0], n);
        var b1 = blocks.AsSpan(at[1], n);
        var b2 = blocks.AsSpan(at[2], n);
        var b3 = blocks.AsSpan(at[3], n);
        var into = lanes.AsSpan(0, n);
        for (var x = 0; x < into.Length; x++) into[x] = Vector256.Create(b0[x], b1[x], b2[x], b3[x]);
    }

    /// <summary>Row <paramref name="held"/> at candidate <paramref name="g"/> for each user of the group, as the one-by-one
    /// pass makes it (factored where that user's row does not underflow, else from its utilities), into its lane; user u's
    /// factored rows start at <paramref name="factors"/>[<paramref name="at"/>[u]].</summary>
    private void RowsOneByOne(ReadOnlySpan<int> ids, double[] factors, ReadOnlySpan<int> at, int g, int held, PreparedMonth month, ChoiceTable table,
        double[][] candidates, Scratch s, Span<Vector256<double>> row)
    {
        var k = table.Options.Length;
        var one = s.Transitions.AsSpan(0, k);
        for (var u = 0; u < Lanes; u++)
        {
            var factor = factors.AsSpan(at[u] + held * k, k);
            var optionFactor = s.Exponents.AsSpan(0, k);
            for (var o = 0; o < k; o++) optionFactor[o] = s.GroupOptionLanes[g * k + o].GetElement(u);
            if (!FactoredLogitRows.Row(factor, optionFactor, one))
            {
                FillUtilities(ids[u], month, table, k, s);
                DirectRow(ids[u], table, held, candidates[g], s, one);
            }
            for (var o = 0; o < k; o++) row[o] = row[o].WithElement(u, one[o]);
        }
    }
}
