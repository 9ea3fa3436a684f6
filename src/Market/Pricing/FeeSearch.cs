namespace MarketSim.Market.Pricing;

/// <summary>
/// Maximises an expensive objective over some coordinates of a fee vector. Along each direction it first takes Newton
/// steps on central finite differences (three candidates per step, a handful of steps from a warm start: profit is
/// smooth since it is an exact expectation; a step below 1e-4 of the fee is the last one, taken without checking), climbs
/// by Newton-sized steps where profit is convex but sloped, and falls back to zooming grids where profit is flat, a
/// bound is near, or Newton does not settle: each grid pass evaluates 17
/// candidates in one batch (one sweep over the users, see <see cref="DemandOracle.Evaluate(int, Providers.ThroughputTable, IReadOnlyList{IReadOnlyList{double}})"/>),
/// the first geometric from a quarter to four times the start (plus the bounds), each next one a quarter as wide around the
/// best so far. Several coordinates are searched in turn, each round ending with a common shift of all of them (what a
/// joint-profit optimum of similar firms needs), until a round moves no fee. Hand-written rather than MathNet's golden
/// section or Brent because those ask for one value at a time, and a batch of candidates costs little more than one.
/// A unimodal objective is found to about 1e-6 of the fee; a multimodal one to the best mode the first grid sees.
/// </summary>
public static class FeeSearch
{
    private const int Half = 8;      // points each side of the centre
    private const int Passes = 8;    // pass 0 geometric, then each pass a quarter as wide: 1e-6 relative after 8
    private const double Settled = 1e-4; // a Newton step below this (relative) is the last one

    /// <summary>The fee vector maximising <paramref name="objective"/> (values for a batch of candidates) over the
    /// coordinates <paramref name="variables"/>, each within [lower, upper], others held at <paramref name="start"/>.</summary>
    public static double[] Maximise(IReadOnlyList<double> start, IReadOnlyList<int> variables, IReadOnlyList<double> lower,
        IReadOnlyList<double> upper, Func<IReadOnlyList<IReadOnlyList<double>>, double[]> objective, int maxRounds = 40, double tolerance = 1e-6)
    {
        ArgumentNullException.ThrowIfNull(objective);
        var fees = start.ToArray();
        for (var round = 0; round < maxRounds; round++)
        {
            var before = fees.ToArray();
            foreach (var v in variables) fees = LineSearch(fees, [v], lower, upper, objective);
            if (variables.Count <= 1) break; // one coordinate: its search is complete after one zoom
            fees = LineSearch(fees, variables, lower, upper, objective);
            var moved = false;
            foreach (var v in variables) moved |= Math.Abs(fees[v] - before[v]) > tolerance * (1 + Math.Abs(before[v]));
            if (!moved) break;
        }
        return fees;
    }

    /// <summary>Newton's method along the common shift of <paramref name="together"/>; grids where it cannot be trusted.</summary>
    private static double[] LineSearch(double[] fees, IReadOnlyList<int> together, IReadOnlyList<double> lower, IReadOnlyList<double> upper,
        Func<IReadOnlyList<IReadOnlyList<double>>, double[]> objective)
    {
        double lowest = together.Max(v => lower[v] - fees[v]), highest = together.Min(v => upper[v] - fees[v]);
        var centre = together.Average(v => fees[v]);
        var h = 1e-4 * Math.Max(centre, 1e-2);
        double t = 0, start = double.NaN, now = double.NaN;
        for (var iteration = 0; iteration < 12; iteration++)
        {
            if (t - h < lowest || t + h > highest) return Zoom(fees, together, lower, upper, objective);
            var values = objective([Shifted(fees, together, t - h, lower, upper), Shifted(fees, together, t, lower, upper), Shifted(fees, together, t + h, lower, upper)]);
            now = values[1];
            if (iteration == 0) start = now;
            double slope = (values[2] - values[0]) / (2 * h), curvature = (values[2] - 2 * values[1] + values[0]) / (h * h);
            double reach = 0.5 * (centre + t), newton = -slope / curvature, step;
            if (curvature < 0 && Math.Abs(newton) < Settled * (1 + Math.Abs(centre + t)))
            {
                // Newton converges quadratically: after a step this small the fee is within about (step / fee)² of the
                // optimum, far inside the search's tolerance, so it is taken without another evaluation.
                if (now < start) return Zoom(fees, together, lower, upper, objective);
                return Shifted(fees, together, Math.Clamp(t + newton, lowest, highest), lower, upper);
            }
            if (curvature < 0) step = Math.Clamp(newton, -reach, reach + h);
            // Not concave here but clearly sloped (far from the optimum, e.g. a cold start): climb as far as a Newton step
            // may go; flat profit (nobody buys) is left to the grids.
            else if (Math.Abs(values[2] - values[0]) > 1e-9 * Math.Abs(now)) step = slope > 0 ? reach + h : -reach;
            else return Zoom(fees, together, lower, upper, objective);
            t = Math.Clamp(t + step, lowest, highest);
        }
        return Zoom(fees, together, lower, upper, objective);
    }

    /// <summary>Moves the coordinates <paramref name="together"/> by a common amount (one coordinate: that coordinate alone).</summary>
    private static double[] Zoom(double[] fees, IReadOnlyList<int> together, IReadOnlyList<double> lower, IReadOnlyList<double> upper,
        Func<IReadOnlyList<IReadOnlyList<double>>, double[]> objective)
    {
        var centre = together.Average(v => fees[v]);
        double best = 0, bestValue = double.NegativeInfinity;
        // Pass 0: geometric from a quarter to four times the centre, and the bounds (the optimum may sit on one); while
        // the best is the widest point, the grid moves there (an optimum far from the current fee).
        for (var hop = 0; hop < 8; hop++)
        {
            var scale = centre + best > 1e-9 ? centre + best : 1.0;
            var offsets = new List<double>();
            for (var m = -Half; m <= Half; m++) offsets.Add(scale * Math.Pow(2, m / 4.0) - centre);
            if (together.Count == 1)
            {
                var v = together[0];
                if (double.IsFinite(lower[v])) offsets.Add(lower[v] - centre);
                if (double.IsFinite(upper[v])) offsets.Add(upper[v] - centre);
            }
            Evaluate(fees, together, offsets, lower, upper, objective, ref best, ref bestValue);
            var atEdge = Math.Abs(best - offsets[0]) < 1e-12 * scale || Math.Abs(best - offsets[2 * Half]) < 1e-12 * scale;
            if (!atEdge) break;
        }
        var step = Math.Max(centre + best, 1e-9) * (Math.Pow(2, 0.25) - 1) / 4;
        for (var pass = 1; pass < Passes; pass++)
        {
            var offsets = new List<double>();
            for (var m = -Half; m <= Half; m++) offsets.Add(best + step * m);
            step /= 4;
            Evaluate(fees, together, offsets, lower, upper, objective, ref best, ref bestValue);
        }
        return Shifted(fees, together, best, lower, upper);
    }

    private static void Evaluate(double[] fees, IReadOnlyList<int> together, List<double> offsets, IReadOnlyList<double> lower,
        IReadOnlyList<double> upper, Func<IReadOnlyList<IReadOnlyList<double>>, double[]> objective, ref double best, ref double bestValue)
    {
        var candidates = offsets.Select(d => Shifted(fees, together, d, lower, upper)).ToArray();
        var values = objective(candidates);
        for (var g = 0; g < candidates.Length; g++)
        {
            // Ties (flat profit where nobody buys) go to the offset nearest the current fees.
            if (values[g] > bestValue || (values[g] == bestValue && Math.Abs(offsets[g]) < Math.Abs(best)))
            {
                bestValue = values[g];
                best = offsets[g];
            }
        }
    }

    private static double[] Shifted(double[] fees, IReadOnlyList<int> together, double offset, IReadOnlyList<double> lower, IReadOnlyList<double> upper)
    {
        var x = fees.ToArray();
        foreach (var v in together) x[v] = Math.Clamp(fees[v] + offset, lower[v], upper[v]);
        return x;
    }
}
