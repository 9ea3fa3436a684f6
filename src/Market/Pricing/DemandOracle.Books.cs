namespace MarketSim.Market.Pricing;

// A location's users summed, then booked: everything the books need is linear in the users' stationary probabilities
// (and, under overage, in probability × own bill at zero fee), so the location's sums per option are booked once, not
// user by user.
public sealed partial class DemandOracle
{
    /// <summary>Adds location <paramref name="l"/>'s users at every candidate of <paramref name="request"/> to
    /// <paramref name="sums"/> ([variant, candidate, provider, field]).</summary>
    private void AddLocation(int l, PreparedMonth month, SweepRequest request, Scratch s, double[] sums)
    {
        int first = users.LocationStart[l], end = users.LocationStart[l + 1];
        if (first == end) return;
        var candidates = request.Fees;
        var cells = candidates.Length * s.Width;
        var slopes = request.Directions is not null;
        if (!slopes)
        {
            // Both passes write the demand sums whole once the location is summed: the value pass from its run sums
            // (SpreadRunDemand), the slope pass from its lane sums (SpreadLaneSums). The bills under overage are added into.
            s.RunDemand.AsSpan().Clear();
            if (usageBilled) s.DemandBills.AsSpan(0, 2 * cells * maxContracts).Clear();
        }
        for (var device = 0; device < 2; device++)
        {
            s.Present[device] = false;
            OptionCosts(month.Tables[l * 2 + device], device, candidates, s);
            if (slopes) DirectionWeights(month.Tables[l * 2 + device], device, request.Directions!, s);
        }
        for (var i = first; i < end; i++)
        {
            var device = DeviceOf(i, month);
            s.Present[device] = true;
            if (!slopes) AddUser(i, month, candidates, s);
            else if (!Groupable(i, month)) AddUserSlopes(i, month, candidates, s, Scratch.OtherSlot);
            else if (s.Grouped) QueueForGroup(i, device, month, request, s);
            else
            {
                AddUserSlopes(i, month, candidates, s, s.NextSlot[device]);
                s.NextSlot[device] = (s.NextSlot[device] + 1) % Lanes;
            }
        }
        if (slopes)
        {
            FlushGroups(month, request, s);
            s.NextSlot.AsSpan().Clear();
            SpreadLaneSums(candidates.Length, s);
        }
        var block = candidates.Length * structure.ProviderCount * Fields;
        for (var device = 0; device < 2; device++)
        {
            if (!s.Present[device]) continue;
            var table = month.Tables[l * 2 + device];
            if (!slopes) SpreadRunDemand(device, candidates.Length, table.Options.Length, s);
            Book(l, device, table, candidates, request.Wholesale, s.Demand, s.DemandBills, s, sums.AsSpan(0, block));
            if (!slopes) continue;
            // Everything booked is linear in the demand and affine in the fees (see SweepRequest), so the profit's
            // derivatives along the direction follow from these bookings.
            Book(l, device, table, candidates, request.Wholesale, s.DemandSlope!, s.DemandBillsSlope!, s, sums.AsSpan(block, block));
            Book(l, device, table, candidates, request.Wholesale, s.DemandCurvature!, s.DemandBillsCurvature!, s, sums.AsSpan(2 * block, block));
            Book(l, device, table, request.FeesPlus!, request.WholesalePlus!, s.Demand, s.DemandBills, s, sums.AsSpan(3 * block, block));
            Book(l, device, table, request.FeesPlus!, request.WholesalePlus!, s.DemandSlope!, s.DemandBillsSlope!, s, sums.AsSpan(4 * block, block));
        }
    }

    /// <summary>Each option's fees at every candidate, above the candidate's cheapest option (what the factored rows' option
    /// factors exponentiate), and the positions whose shifted cost differs from the candidate before (the exponentials a
    /// user computes).</summary>
    private void OptionCosts(ChoiceTable table, int device, double[][] candidates, Scratch s)
    {
        var catalogue = structure.Catalogue;
        var options = table.Options;
        var k = options.Length;
        var costs = s.CostShift.AsSpan(device * candidates.Length * s.Width, candidates.Length * k);
        for (var g = 0; g < candidates.Length; g++)
        {
            var fees = candidates[g];
            for (var o = 0; o < k; o++)
            {
                var sellers = catalogue[options[o]].SellerArray;
                double cost = 0;
                for (var contract = 0; contract < sellers.Length; contract++) cost += table.FeeWeight[o * maxContracts + contract] * fees[sellers[contract]];
                costs[g * k + o] = cost;
            }
        }
        // Each candidate's costs above its own cheapest option: a candidate's numbers then do not depend on the others
        // in its batch (so searches of several firms can share a pass, and a candidate alone gives the same bits).
        for (var g = 0; g < candidates.Length; g++)
        {
            var own = costs.Slice(g * k, k);
            var min = double.PositiveInfinity;
            foreach (var x in own) min = Math.Min(min, x);
            for (var o = 0; o < k; o++) own[o] -= min;
        }
        var changed = s.NewFactor.AsSpan(device * candidates.Length * s.Width, candidates.Length * k);
        var newShift = s.NewShift.AsSpan(device * candidates.Length * s.Width, candidates.Length * k);
        var source = s.FactorSource.AsSpan(device * candidates.Length * s.Width, candidates.Length * k);
        var count = 0;
        for (var x = 0; x < costs.Length; x++)
        {
            if (x < k || costs[x] != costs[x - k])
            {
                newShift[count] = costs[x];
                changed[count] = x;
                source[x] = count++;
            }
            else source[x] = source[x - k]; // the same factor as the candidate before
        }
        s.NewFactors[device] = count;
        // Runs of candidates alike for these users: the same fee on every contract of every option they can buy.
        var distinct = s.Distinct.AsSpan(device * candidates.Length, candidates.Length);
        var runEnd = s.RunEnd.AsSpan(device * candidates.Length, candidates.Length);
        var runs = 0;
        for (var g = 0; g < candidates.Length; g++)
        {
            if (g > 0 && SameFees(table, candidates[g], candidates[g - 1])) continue;
            if (runs > 0) runEnd[runs - 1] = g;
            distinct[runs++] = g;
        }
        if (runs > 0) runEnd[runs - 1] = candidates.Length;
        s.DistinctCount[device] = runs;
    }

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> charge the same fee on every contract of every
    /// option of the table: a user of the table then has the same chain at both.</summary>
    private bool SameFees(ChoiceTable table, double[] a, double[] b)
    {
        foreach (var option in table.Options)
        {
            // Bit for bit (0 and −0 differ): a chain equal to the last bit, not only in value.
            foreach (var seller in structure.Catalogue[option].SellerArray)
                if (BitConverter.DoubleToInt64Bits(a[seller]) != BitConverter.DoubleToInt64Bits(b[seller])) return false;
        }
        return true;
    }

    /// <summary>Books the location's demand of one device at every candidate (<paramref name="demand"/> and
    /// <paramref name="demandBills"/>: the sums of the users' probabilities, or of their derivatives, see
    /// <see cref="Scratch"/>): subscribers and bills of each seller, lines carried by each network, and the transfers
    /// between sellers and the networks they use.</summary>
    private void Book(int l, int device, ChoiceTable table, double[][] candidates, double[][] wholesale, double[] demand, double[] demandBills, Scratch s,
        Span<double> sums)
    {
        var catalogue = structure.Catalogue;
        var options = table.Options;
        int k = options.Length, c = maxContracts, providers = structure.ProviderCount;
        for (var g = 0; g < candidates.Length; g++)
        {
            var fees = candidates[g];
            var at = g * providers * Fields;
            var weights = demand.AsSpan((device * candidates.Length + g) * s.Width, k);
            for (var o = 0; o < k; o++)
            {
                var weight = weights[o];
                var option = catalogue[options[o]];
                if (option.IsOutside || weight == 0) continue;
                var sellers = option.SellerArray;
                for (var contract = 0; contract < sellers.Length; contract++)
                {
                    var p = sellers[contract];
                    // Sum over the location's users of probability × bill, the bill affine in the fee.
                    var atZero = usageBilled ? demandBills[(((device * candidates.Length + g) * s.Width) + o) * c + contract] : 0;
                    var billed = atZero + table.BillSlope[o * c + contract] * fees[p] * weight;
                    s.Bills[contract] = billed;
                    sums[at + p * Fields] += weight;
                    sums[at + p * Fields + 2] += billed;
                }
                foreach (var line in linesOfCell[structure.Cell(l, option.Index)])
                {
                    if (line.Carried) sums[at + line.Access * Fields + 1] += weight;
                    if (!line.Transfers) continue;
                    var transfer = line.Wholesale ? weight * wholesale[g][line.Access] : line.Share * s.Bills[line.Contract] / line.Partners;
                    sums[at + line.Seller * Fields + 4] += transfer;
                    sums[at + line.Access * Fields + 3] += transfer;
                }
            }
        }
    }
}
