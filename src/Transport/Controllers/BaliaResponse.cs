namespace MarketSim.Transport.Controllers;

/// <summary>
/// BALIA equilibrium: p_r = (2/(rtt_r^2 X^2)) g(a_r), a_r = max_k x_k / x_r, g(a) = (1+a)(4+a)/(10 min(a, 1.5)).
/// <para>
/// Write pi_r = p_r rtt_r^2. The subflow with the largest rate (a = 1, g = 1) fixes X = sqrt(2/pi_m).
/// Every other subflow solves g(a_r) = pi_r/pi_m. g falls from 1 to 11/12 on [1, 1.5] and rises beyond;
/// only the rising branch is stable under the fluid dynamics (on the falling branch a smaller subflow sees
/// its increase shrink faster than its decrease and keeps shrinking), so
/// a_r = (sqrt(9 + 60 rho) - 5)/2 with rho = pi_r/pi_m, floored at 1.5.
/// </para>
/// <para>
/// The largest subflow is on the least-pi path. When two paths tie, the two labellings give mirror-image
/// splits, so the response jumps; like OLIA it is smoothed by mixing the labelled solutions with weights
/// proportional to pi_m^(-q), which tends to the hard choice as q grows and keeps X exact at every tie.
/// Access caps are private links: their prices are solved per group by a small projected Newton
/// iteration (warm-started from the previous solve), see <see cref="PrivateCaps"/>.
/// </para>
/// </summary>
internal static class BaliaResponse
{
    /// <summary>
    /// Two subflows when one labelling has all the weight (no tie within the smoothing): the closed form
    /// without scratch arrays. False near a tie (the general path mixes both labellings).
    /// </summary>
    private static bool RespondTwoClear(
        ReadOnlySpan<double> p, ReadOnlySpan<double> rtt, TieSmoothing smoothing, Span<double> x, Span<double> jac)
    {
        var pi0 = p[0] * rtt[0] * rtt[0];
        var pi1 = p[1] * rtt[1] * rtt[1];
        var m = pi0 <= pi1 ? 0 : 1;
        var o = 1 - m;
        var piM = m == 0 ? pi0 : pi1;
        var piO = m == 0 ? pi1 : pi0;
        if (piM / piO > smoothing.NegligibleRatio)
        {
            return false;
        }

        var rho = piO / piM;
        var s = Math.Sqrt(9 + 60 * rho);
        var ratio = 0.5 * (s - 5);
        var elasticity = 0.0;
        if (ratio < 1.5)
        {
            ratio = 1.5;
        }
        else
        {
            elasticity = 15 / s * rho / ratio;
        }

        var inverseSum = 1 + 1 / ratio;
        var largest = PathLoss.RenoRate(p[m], rtt[m]) / inverseSum;
        var smaller = largest / ratio;
        x[m] = largest;
        x[o] = smaller;
        if (jac.IsEmpty)
        {
            return true;
        }

        // d log x_m / d log p_j = -1/2 delta_mj - d log H / d log p_j; x_o = x_m / a adds -e (delta_oj - delta_mj).
        var h = -elasticity / (ratio * inverseSum);
        var logM = -0.5 + h;
        var logO = -h;
        jac[m * 2 + m] = largest * logM / p[m];
        jac[m * 2 + o] = largest * logO / p[o];
        jac[o * 2 + m] = smaller * (logM + elasticity) / p[m];
        jac[o * 2 + o] = smaller * (logO - elasticity) / p[o];
        return true;
    }

    /// <summary>Uncapped BALIA response with the n-by-n Jacobian d x / d p (always computed).</summary>
    public static void RespondUncapped(
        ReadOnlySpan<double> p, ReadOnlySpan<double> rtt, TieSmoothing smoothing,
        Span<double> x, Span<double> jac, ResponseWorkspace ws)
    {
        var n = p.Length;
        var sharpness = smoothing.Sharpness;
        jac.Clear();
        if (n == 1)
        {
            x[0] = PathLoss.RenoRate(p[0], rtt[0]);
            jac[0] = -0.5 * x[0] / p[0];
            return;
        }

        if (n == 2 && RespondTwoClear(p, rtt, smoothing, x, jac))
        {
            return;
        }

        var pi = ws.Vector(5, n);
        var weight = ws.Vector(6, n);
        var labelled = ws.Vector(7, n);
        var ratioA = ws.Vector(8, n);
        var elasticity = ws.Vector(9, n);
        var logDerivMax = ws.Vector(10, n);

        var minPi = double.PositiveInfinity;
        for (var r = 0; r < n; r++)
        {
            pi[r] = p[r] * rtt[r] * rtt[r];
            minPi = Math.Min(minPi, pi[r]);
        }

        // Labelling weights (pi_min/pi_m)^q, normalised; the best labelling has weight 1 before normalising.
        var sumWeights = 0.0;
        for (var m = 0; m < n; m++)
        {
            var ratio = minPi / pi[m];
            weight[m] = ratio == 1 ? 1 : ratio > smoothing.NegligibleRatio ? Math.Exp(sharpness * Math.Log(ratio)) : 0;
            sumWeights += weight[m];
        }

        for (var m = 0; m < n; m++)
        {
            weight[m] /= sumWeights;
        }

        x.Clear();
        for (var m = 0; m < n; m++)
        {
            if (weight[m] == 0)
            {
                continue;
            }

            // Labelled solution with subflow m the largest.
            var inverseSum = 1.0;
            for (var r = 0; r < n; r++)
            {
                if (r == m)
                {
                    ratioA[r] = 1;
                    elasticity[r] = 0;
                    continue;
                }

                var rho = pi[r] / pi[m];
                var s = Math.Sqrt(9 + 60 * rho);
                var ar = 0.5 * (s - 5);
                if (ar < 1.5)
                {
                    ratioA[r] = 1.5;
                    elasticity[r] = 0;
                }
                else
                {
                    ratioA[r] = ar;
                    elasticity[r] = 15 / s * rho / ar; // d log a / d log rho
                }

                inverseSum += 1 / ratioA[r];
            }

            var total = PathLoss.RenoRate(p[m], rtt[m]);
            var largest = total / inverseSum;

            // d log x_m / d log p_j = -1/2 delta_mj - d log H / d log p_j, H = 1 + sum 1/a_r.
            var sumH = 0.0;
            for (var r = 0; r < n; r++)
            {
                logDerivMax[r] = 0;
                if (r != m)
                {
                    var hr = -elasticity[r] / (ratioA[r] * inverseSum); // d log H / d log rho_r
                    logDerivMax[r] = -hr;
                    sumH += hr;
                }
            }

            logDerivMax[m] = -0.5 + sumH;

            for (var r = 0; r < n; r++)
            {
                labelled[r] = largest / ratioA[r];
            }

            var wm = weight[m];
            for (var r = 0; r < n; r++)
            {
                x[r] += wm * labelled[r];
                var row = jac.Slice(r * n, n);
                for (var j = 0; j < n; j++)
                {
                    var logDeriv = logDerivMax[j];
                    if (r != m)
                    {
                        logDeriv -= elasticity[r] * ((r == j ? 1.0 : 0.0) - (m == j ? 1.0 : 0.0));
                    }

                    // Mixture weight derivative: d log w_m / d log p_j = -q (delta_mj - w_j).
                    logDeriv += -sharpness * ((m == j ? 1.0 : 0.0) - weight[j]);
                    row[j] += wm * labelled[r] * logDeriv / p[j];
                }
            }
        }
    }
}
