namespace MarketSim.Market.Pricing;

/// <summary>
/// Maximises an expensive objective over some coordinates of a fee vector. Along each direction it first takes Newton
/// steps, each on the objective's analytic first and second derivative along the direction where it gives them (one
/// candidate per step: the demand oracle under the plain logit, see <see cref="DemandOracle.EvaluateSlopes"/>) and on
/// central finite differences otherwise (three candidates per step); a handful of steps from a warm start (profit is
/// smooth since it is an exact expectation; a step below 1e-4 of the fee is the last one, taken without checking), climbs
/// by Newton-sized steps where profit is convex but sloped, and falls back to zooming grids where profit is flat, a
/// bound is near, or Newton does not settle: each grid pass evaluates 17
/// candidates in one batch (one sweep over the users, see <see cref="DemandOracle.Evaluate(int, Providers.ThroughputTable, IReadOnlyList{IReadOnlyList{double}})"/>),
/// the first geometric from a quarter to four times the start (plus the bounds), each next one a quarter as wide around the
/// best so far. Several coordinates are searched in turn, each round ending with a common shift of all of them (what a
/// joint-profit optimum of similar firms needs), until a round moves no fee. Hand-written rather than MathNet's golden
/// section or Brent because those ask for one value at a time, and a batch of candidates costs little more than one.
/// A unimodal objective is found to about 1e-6 of the fee; a multimodal one to the best mode the first grid sees.
/// <para>Several searches can run in lockstep (<c>MaximiseAll</c>): each step gathers every search's next batch
/// into one evaluation (one sweep over the users for all firms' best responses of a month). Each search is written as an
/// iterator that hands out its batch and reads the values back, so it takes exactly the steps it takes alone.</para>
/// </summary>
public static class FeeSearch
{
    private const int Half = 8;      // points each side of the centre
    private const int Passes = 8;    // pass 0 geometric, then each pass a quarter as wide: 1e-6 relative after 8
    // A Newton step below this (relative) is the last one, taken without checking: Newton converges quadratically, so the
    // fee is then within about (step / fee)² of the optimum (times a factor of order one, the profit's third derivative
    // against its second). With exact derivatives 1e-3 leaves about 1e-6, the search's tolerance; finite differences
    // add their own error to each step, so they stop at 1e-4.
    private const double SettledExact = 1e-3;
    private const double SettledDifferenced = 1e-4;

    /// <summary>Whether a Newton step of <paramref name="step"/> from <paramref name="fee"/> is the search's last: below
    /// 1e-3 of the fee on exact derivatives, 1e-4 on finite differences (see above).</summary>
    internal static bool IsSettledStep(double step, double fee, bool exactSlopes)
        => Math.Abs(step) < (exactSlopes ? SettledExact : SettledDifferenced) * (1 + Math.Abs(fee));

    /// <summary>One search: maximise an objective over the coordinates <paramref name="Variables"/> of a fee vector, each
    /// within [lower, upper], the others held at <paramref name="Start"/>.</summary>
    /// <param name="Start">Where the search starts (and the fees it does not move).</param>
    /// <param name="Variables">Coordinates searched.</param>
    /// <param name="Lower">Lower bound of every coordinate.</param>
    /// <param name="Upper">Upper bound of every coordinate.</param>
    /// <param name="MaxRounds">Most rounds over the coordinates.</param>
    /// <param name="Tolerance">A round that moves no fee by more than this (relative) ends the search.</param>
    public sealed record Problem(IReadOnlyList<double> Start, IReadOnlyList<int> Variables, IReadOnlyList<double> Lower,
        IReadOnlyList<double> Upper, int MaxRounds = 40, double Tolerance = 1e-6);

    /// <summary>The fee vector maximising <paramref name="objective"/> (values for a batch of candidates) over the
    /// coordinates <paramref name="variables"/>, each within [lower, upper], others held at <paramref name="start"/>.</summary>
    public static double[] Maximise(IReadOnlyList<double> start, IReadOnlyList<int> variables, IReadOnlyList<double> lower,
        IReadOnlyList<double> upper, Func<IReadOnlyList<IReadOnlyList<double>>, double[]> objective, int maxRounds = 40, double tolerance = 1e-6)
    {
        ArgumentNullException.ThrowIfNull(objective);
        return MaximiseAll([new Problem(start, variables, lower, upper, maxRounds, tolerance)], batch => objective(batch.Select(c => c.Fees).ToList()))[0];
    }

    /// <summary>
    /// Runs several searches in lockstep: every step, the next batch of each unfinished search goes into one call of
    /// <paramref name="objective"/>, which gets each candidate with the index of its search and returns each one's value
    /// for that search. Every search takes the steps it would take alone, so its answer is the same provided a
    /// candidate's value does not depend on the others in the call. Newton steps use central finite differences.
    /// </summary>
    public static double[][] MaximiseAll(IReadOnlyList<Problem> problems, Func<IReadOnlyList<(int Problem, IReadOnlyList<double> Fees)>, double[]> objective)
    {
        ArgumentNullException.ThrowIfNull(objective);
        return MaximiseAll(problems, probes => objective(probes.Select(p => (p.Problem, p.Fees)).ToList()).Select(v => new Outcome(v)).ToArray(), slopes: false);
    }

    /// <summary>
    /// The same lockstep searches with an objective that can also give the first and second derivative of the value along
    /// a probe's direction (<paramref name="slopes"/>): then each Newton step asks for one probe with a direction (the
    /// coordinates moved together, each by the same amount) instead of three values; grids still ask for values alone.
    /// </summary>
    public static double[][] MaximiseAll(IReadOnlyList<Problem> problems, Func<IReadOnlyList<Probe>, Outcome[]> objective, bool slopes)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(objective);
        var channels = problems.Select(_ => new Channel()).ToArray();
        var searches = problems.Select((problem, i) => Search(problem, slopes, channels[i]).GetEnumerator()).ToArray();
        var running = searches.Select(search => search.MoveNext()).ToArray();
        while (running.Any(r => r))
        {
            var batch = new List<Probe>();
            for (var i = 0; i < searches.Length; i++)
            {
                if (running[i]) batch.AddRange(channels[i].Candidates.Select(c => new Probe(i, c, channels[i].Along)));
            }
            var values = objective(batch);
            if (values.Length != batch.Count) throw new InvalidOperationException($"The objective gave {values.Length} values for {batch.Count} candidates.");
            var at = 0;
            for (var i = 0; i < searches.Length; i++)
            {
                if (!running[i]) continue;
                channels[i].Values = values[at..(at + channels[i].Candidates.Count)];
                at += channels[i].Candidates.Count;
                running[i] = searches[i].MoveNext();
            }
        }
        foreach (var search in searches) search.Dispose();
        return channels.Select(c => c.Found).ToArray();
    }

    /// <summary>A candidate a search asks about: its search, its fees, and for a Newton step the coordinates whose common
    /// shift the value's derivatives are wanted along (null: the value alone).</summary>
    /// <param name="Problem">Index of the search.</param>
    /// <param name="Fees">The candidate fee vector.</param>
    /// <param name="Along">Coordinates moved together (direction 1 on each), or null.</param>
    public readonly record struct Probe(int Problem, IReadOnlyList<double> Fees, IReadOnlyList<int>? Along);

    /// <summary>The objective at a probe, with its first and second derivative along the probe's direction when asked.</summary>
    /// <param name="Value">The objective's value.</param>
    /// <param name="Slope">First derivative along the direction (NaN when not asked).</param>
    /// <param name="Curvature">Second derivative along the direction (NaN when not asked).</param>
    public readonly record struct Outcome(double Value, double Slope = double.NaN, double Curvature = double.NaN);

    /// <summary>What a running search asks for (its batch) and gets back (the values), and what it found.</summary>
    private sealed class Channel
    {
        public IReadOnlyList<IReadOnlyList<double>> Candidates { get; set; } = [];

        public IReadOnlyList<int>? Along { get; set; }

        public Outcome[] Values { get; set; } = [];

        public double[] Found { get; set; } = [];
    }

    private static IEnumerable<bool> Search(Problem problem, bool slopes, Channel channel)
    {
        var fees = problem.Start.ToArray();
        var variables = problem.Variables;
        for (var round = 0; round < problem.MaxRounds; round++)
        {
            var before = fees.ToArray();
            foreach (var v in variables)
            {
                foreach (var step in LineSearch(fees, [v], problem.Lower, problem.Upper, slopes, channel)) yield return step;
                fees = channel.Found;
            }
            if (variables.Count <= 1) break; // one coordinate: its search is complete after one zoom
            foreach (var step in LineSearch(fees, variables, problem.Lower, problem.Upper, slopes, channel)) yield return step;
            fees = channel.Found;
            var moved = false;
            foreach (var v in variables) moved |= Math.Abs(fees[v] - before[v]) > problem.Tolerance * (1 + Math.Abs(before[v]));
            if (!moved) break;
        }
        channel.Found = fees;
    }

    /// <summary>Newton's method along the common shift of <paramref name="together"/>; grids where it cannot be trusted.
    /// Leaves its answer in the channel.</summary>
    private static IEnumerable<bool> LineSearch(double[] fees, IReadOnlyList<int> together, IReadOnlyList<double> lower, IReadOnlyList<double> upper,
        bool slopes, Channel channel)
    {
        double lowest = together.Max(v => lower[v] - fees[v]), highest = together.Min(v => upper[v] - fees[v]);
        var centre = together.Average(v => fees[v]);
        var h = 1e-4 * Math.Max(centre, 1e-2);
        double t = 0, start = double.NaN, now = double.NaN;
        // Every way out of the loop but a settled Newton step ends in the zooming grids.
        for (var iteration = 0; iteration < 12; iteration++)
        {
            if (t - h < lowest || t + h > highest) break;
            double slope, curvature;
            if (slopes)
            {
                channel.Candidates = [Shifted(fees, together, t, lower, upper)];
                channel.Along = together;
                yield return true;
                channel.Along = null;
                (now, slope, curvature) = channel.Values[0];
            }
            else
            {
                channel.Candidates = [Shifted(fees, together, t - h, lower, upper), Shifted(fees, together, t, lower, upper), Shifted(fees, together, t + h, lower, upper)];
                yield return true;
                var values = channel.Values;
                now = values[1].Value;
                slope = (values[2].Value - values[0].Value) / (2 * h);
                curvature = (values[2].Value - 2 * values[1].Value + values[0].Value) / (h * h);
            }
            if (iteration == 0) start = now;
            double reach = 0.5 * (centre + t), newton = -slope / curvature, step;
            if (curvature < 0 && IsSettledStep(newton, centre + t, slopes))
            {
                // Newton converges quadratically: after a step this small the fee is within about (step / fee)² of the
                // optimum, far inside the search's tolerance, so it is taken without another evaluation.
                if (now < start) break;
                channel.Found = Shifted(fees, together, Math.Clamp(t + newton, lowest, highest), lower, upper);
                yield break;
            }
            if (curvature < 0) step = Math.Clamp(newton, -reach, reach + h);
            // Not concave here but clearly sloped (far from the optimum, e.g. a cold start): climb as far as a Newton step
            // may go; flat profit (nobody buys) is left to the grids.
            else if (Math.Abs(slope) * 2 * h > 1e-9 * Math.Abs(now)) step = slope > 0 ? reach + h : -reach;
            else break;
            t = Math.Clamp(t + step, lowest, highest);
        }
        foreach (var step in Zoom(fees, together, lower, upper, channel)) yield return step;
    }

    /// <summary>Moves the coordinates <paramref name="together"/> by a common amount (one coordinate: that coordinate alone),
    /// by zooming grids; leaves its answer in the channel.</summary>
    private static IEnumerable<bool> Zoom(double[] fees, IReadOnlyList<int> together, IReadOnlyList<double> lower, IReadOnlyList<double> upper,
        Channel channel)
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
            channel.Candidates = offsets.Select(d => (IReadOnlyList<double>)Shifted(fees, together, d, lower, upper)).ToArray();
            yield return true;
            (best, bestValue) = Best(offsets, channel.Values, best, bestValue);
            var atEdge = Math.Abs(best - offsets[0]) < 1e-12 * scale || Math.Abs(best - offsets[2 * Half]) < 1e-12 * scale;
            if (!atEdge) break;
        }
        var step = Math.Max(centre + best, 1e-9) * (Math.Pow(2, 0.25) - 1) / 4;
        for (var pass = 1; pass < Passes; pass++)
        {
            var offsets = new List<double>();
            for (var m = -Half; m <= Half; m++) offsets.Add(best + step * m);
            step /= 4;
            channel.Candidates = offsets.Select(d => (IReadOnlyList<double>)Shifted(fees, together, d, lower, upper)).ToArray();
            yield return true;
            (best, bestValue) = Best(offsets, channel.Values, best, bestValue);
        }
        channel.Found = Shifted(fees, together, best, lower, upper);
    }

    /// <summary>The best offset so far after a grid's values.</summary>
    private static (double Best, double Value) Best(List<double> offsets, Outcome[] values, double best, double bestValue)
    {
        for (var g = 0; g < offsets.Count; g++)
        {
            // Ties (flat profit where nobody buys) go to the offset nearest the current fees.
            if (values[g].Value > bestValue || (values[g].Value == bestValue && Math.Abs(offsets[g]) < Math.Abs(best)))
            {
                bestValue = values[g].Value;
                best = offsets[g];
            }
        }
        return (best, bestValue);
    }

    private static double[] Shifted(double[] fees, IReadOnlyList<int> together, double offset, IReadOnlyList<double> lower, IReadOnlyList<double> upper)
    {
        var x = fees.ToArray();
        foreach (var v in together) x[v] = Math.Clamp(fees[v] + offset, lower[v], upper[v]);
        return x;
    }
}
