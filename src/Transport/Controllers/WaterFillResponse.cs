namespace MarketSim.Transport.Controllers;

/// <summary>
/// OLIA and fully coupled (Kelly-Voice): all traffic goes to the best path(s), which are filled in order of
/// a score S_r until the total reaches the best score still available. With access caps this is a water-fill:
/// paths better than the total are at their cap, the marginal path takes the rest, worse paths get nothing.
/// <list type="bullet">
/// <item>OLIA: S_r = T_r = sqrt(2/p_r)/rtt_r in rate space; the total is max_r T_r (Pareto-optimal).</item>
/// <item>Coupled: S_r = sqrt(2/p_r) in window space (the least-loss path wins); caps become windows
/// cap_r rtt_r and rates are windows / rtt_r, so the total is T of the least-loss path.</item>
/// </list>
/// <para>
/// At a tie the split is not unique, and a hard argmax makes the link loads jump, so a price iteration
/// oscillates. The split is therefore smoothed: path r receives min(C_r, lambda (S_r/M)^q) with lambda
/// chosen so the total equals the exact total M. As q grows this tends to the hard split; a path dominated
/// by a relative margin d gets a share about exp(-q d), which underflows to exactly zero for q d &gt; 745.
/// The total M itself is never smoothed. The solver raises q by a homotopy (see FlowSolver).
/// </para>
/// </summary>
internal static class WaterFillResponse
{
    /// <param name="windowSpace">False for OLIA (rate space), true for coupled (window space).</param>
    /// <param name="p">Path losses.</param>
    /// <param name="rtt">Path RTTs (s).</param>
    /// <param name="cap">Per-user access caps (packets/s).</param>
    /// <param name="smoothing">Tie smoothing (exponent q).</param>
    /// <param name="x">Per-user rates (packets/s), written.</param>
    /// <param name="jac">n-by-n d x / d p, written, or empty.</param>
    /// <param name="ws">Scratch.</param>
    public static void Respond(
        bool windowSpace, ReadOnlySpan<double> p, ReadOnlySpan<double> rtt, ReadOnlySpan<double> cap,
        TieSmoothing smoothing, Span<double> x, Span<double> jac, ResponseWorkspace ws)
    {
        var n = p.Length;
        if (n == 2 && double.IsPositiveInfinity(cap[0]) && double.IsPositiveInfinity(cap[1]))
        {
            RespondTwoUncapped(windowSpace, p, rtt, smoothing, x, jac);
            return;
        }

        var sharpness = smoothing.Sharpness;
        var score = ws.Vector(0, n);
        var room = ws.Vector(1, n);
        var logWeight = ws.Vector(2, n);
        var level = ws.Vector(3, n);
        var sigma = ws.Vector(4, n);
        var order = ws.Indices(0, n);
        var capped = ws.Indices(1, n);

        for (var r = 0; r < n; r++)
        {
            score[r] = windowSpace ? Math.Sqrt(2.0 / p[r]) : PathLoss.RenoRate(p[r], rtt[r]);
            room[r] = windowSpace ? cap[r] * rtt[r] : cap[r];
            order[r] = r;
            capped[r] = 0;
        }

        // Exact total: fill paths in decreasing score until the next path's score is below the running total.
        SortDescending(order, score);
        var total = 0.0;
        var marginal = -1;
        var filled = 0.0;
        var done = false;
        for (var k = 0; k < n && !done; k++)
        {
            var r = order[k];
            if (score[r] <= filled)
            {
                total = filled;
                done = true;
            }
            else if (score[r] <= filled + room[r])
            {
                total = score[r];
                marginal = r;
                done = true;
            }
            else
            {
                filled += room[r];
            }
        }

        if (!done)
        {
            total = filled;
        }

        // Smoothed split of that total: weights (S_r/M)^q, water-filled under the caps.
        for (var r = 0; r < n; r++)
        {
            logWeight[r] = sharpness * Math.Log(score[r] / total);
            level[r] = double.IsPositiveInfinity(room[r]) ? double.PositiveInfinity : Math.Log(room[r]) - logWeight[r];
            order[r] = r;
        }

        SortAscending(order, level);
        var cappedRoom = 0.0;
        var remaining = total;
        var logLambda = double.NegativeInfinity;
        var maxLogWeight = double.NegativeInfinity;
        var sumWeights = 0.0;
        var first = 0;
        for (; first < n; first++)
        {
            remaining = total - cappedRoom;
            if (remaining <= 0)
            {
                remaining = 0;
                break;
            }

            maxLogWeight = double.NegativeInfinity;
            for (var k = first; k < n; k++)
            {
                maxLogWeight = Math.Max(maxLogWeight, logWeight[order[k]]);
            }

            sumWeights = 0.0;
            for (var k = first; k < n; k++)
            {
                sumWeights += Math.Exp(logWeight[order[k]] - maxLogWeight);
            }

            logLambda = Math.Log(remaining) - maxLogWeight - Math.Log(sumWeights);
            if (logLambda <= level[order[first]])
            {
                break;
            }

            capped[order[first]] = 1;
            cappedRoom += room[order[first]];
        }

        for (var r = 0; r < n; r++)
        {
            if (capped[r] == 1)
            {
                sigma[r] = 0;
                x[r] = room[r];
            }
            else if (first >= n || remaining == 0)
            {
                sigma[r] = 0;
                x[r] = 0;
            }
            else
            {
                sigma[r] = Math.Exp(logWeight[r] - maxLogWeight) / sumWeights;
                x[r] = remaining * sigma[r];
            }
        }

        if (!jac.IsEmpty)
        {
            jac.Clear();
            if (first < n && remaining > 0)
            {
                // z_r = R sigma_r for uncapped r, R = M - capped room; dM/dp only through the marginal path;
                // d sigma_r / d p_j = sigma_r (delta_rj - sigma_j) q dlogS_j/dp_j, dlogS_j/dp_j = -1/(2 p_j).
                var dTotal = marginal >= 0 ? -0.5 * score[marginal] / p[marginal] : 0.0;
                for (var r = 0; r < n; r++)
                {
                    if (sigma[r] == 0)
                    {
                        continue;
                    }

                    var row = jac.Slice(r * n, n);
                    if (marginal >= 0)
                    {
                        row[marginal] += sigma[r] * dTotal;
                    }

                    for (var j = 0; j < n; j++)
                    {
                        if (sigma[j] == 0 && j != r)
                        {
                            continue;
                        }

                        var dLogWeight = -0.5 * sharpness / p[j];
                        row[j] += remaining * sigma[r] * ((r == j ? 1.0 : 0.0) - sigma[j]) * dLogWeight;
                    }
                }
            }
        }

        if (windowSpace)
        {
            for (var r = 0; r < n; r++)
            {
                x[r] /= rtt[r];
                if (!jac.IsEmpty)
                {
                    var row = jac.Slice(r * n, n);
                    for (var j = 0; j < n; j++)
                    {
                        row[j] /= rtt[r];
                    }
                }
            }
        }
    }

    /// <summary>The common case, two paths without access caps, with one log and one exp at most.</summary>
    private static void RespondTwoUncapped(
        bool windowSpace, ReadOnlySpan<double> p, ReadOnlySpan<double> rtt, TieSmoothing smoothing,
        Span<double> x, Span<double> jac)
    {
        var s0 = windowSpace ? Math.Sqrt(2.0 / p[0]) : PathLoss.RenoRate(p[0], rtt[0]);
        var s1 = windowSpace ? Math.Sqrt(2.0 / p[1]) : PathLoss.RenoRate(p[1], rtt[1]);
        var best = s0 >= s1 ? 0 : 1;
        var other = 1 - best;
        var total = Math.Max(s0, s1);
        var ratio = Math.Min(s0, s1) / total;
        var sigmaOther = 0.0;
        if (ratio > smoothing.NegligibleRatio)
        {
            var w = Math.Exp(smoothing.Sharpness * Math.Log(ratio));
            sigmaOther = w / (1 + w);
        }

        var sigmaBest = 1 - sigmaOther;
        x[best] = total * sigmaBest;
        x[other] = total * sigmaOther;
        if (!jac.IsEmpty)
        {
            // z_r = M sigma_r: dM/dp_best = -M/(2 p_best); d sigma_r/d p_j = sigma_r (delta_rj - sigma_j)(-q/(2 p_j)).
            var dTotal = -0.5 * total / p[best];
            var spread = total * sigmaBest * sigmaOther;
            var dBest = -0.5 * smoothing.Sharpness / p[best];
            var dOther = -0.5 * smoothing.Sharpness / p[other];
            jac[best * 2 + best] = sigmaBest * dTotal + spread * dBest;
            jac[best * 2 + other] = -spread * dOther;
            jac[other * 2 + best] = sigmaOther * dTotal - spread * dBest;
            jac[other * 2 + other] = spread * dOther;
        }

        if (windowSpace)
        {
            for (var r = 0; r < 2; r++)
            {
                x[r] /= rtt[r];
                if (!jac.IsEmpty)
                {
                    jac[r * 2] /= rtt[r];
                    jac[r * 2 + 1] /= rtt[r];
                }
            }
        }
    }

    // Insertion sorts: groups have a handful of paths, and ties keep index order (deterministic).
    private static void SortDescending(Span<int> order, ReadOnlySpan<double> key)
    {
        for (var i = 1; i < order.Length; i++)
        {
            var v = order[i];
            var j = i - 1;
            while (j >= 0 && key[order[j]] < key[v])
            {
                order[j + 1] = order[j];
                j--;
            }

            order[j + 1] = v;
        }
    }

    internal static void SortAscending(Span<int> order, ReadOnlySpan<double> key)
    {
        for (var i = 1; i < order.Length; i++)
        {
            var v = order[i];
            var j = i - 1;
            while (j >= 0 && key[order[j]] > key[v])
            {
                order[j + 1] = order[j];
                j--;
            }

            order[j + 1] = v;
        }
    }
}
