namespace MarketSim.Transport.Controllers;

/// <summary>
/// Per-user access caps for a controller without a closed-form capped response (BALIA). Each cap is a
/// private link of capacity cap_r whose price nu_r &gt;= 0 satisfies complementary slackness
/// (nu_r &gt; 0 only if x_r(p + nu) = cap_r). The small complementarity problem is solved by a projected
/// (semismooth) Newton iteration on min(nu_r, (cap_r - x_r)/cap_r) with backtracking, warm-started from the
/// caller's nu. The Jacobian of the capped response follows by implicit differentiation: with A the
/// binding caps, d nu_A / d p = -D_AA^-1 D_A., so d x / d p = D + D_.A d nu_A / d p.
/// </summary>
internal static class PrivateCaps
{
    private const double Tolerance = 1e-13;
    private const int MaxIterations = 60;

    public static void RespondBalia(
        ReadOnlySpan<double> p, ReadOnlySpan<double> rtt, ReadOnlySpan<double> cap, TieSmoothing smoothing,
        Span<double> nu, Span<double> x, Span<double> jac, ResponseWorkspace ws)
    {
        var n = p.Length;
        var d = jac.IsEmpty ? ws.Matrix(0, n) : jac;
        var anyCap = false;
        for (var r = 0; r < n; r++)
        {
            anyCap |= !double.IsPositiveInfinity(cap[r]);
        }

        if (!anyCap)
        {
            BaliaResponse.RespondUncapped(p, rtt, smoothing, x, d, ws);
            return;
        }

        var effective = ws.Vector(11, n);
        var trialX = ws.Vector(12, n);
        var trialNu = ws.Vector(13, n);
        var step = ws.Vector(14, n);
        var trialD = ws.Matrix(1, n);
        var system = ws.Matrix(2, n);
        var active = ws.Indices(0, n);
        var pivot = ws.Indices(2, n);

        Evaluate(p, nu, rtt, smoothing, effective, x, d, ws);
        var seeded = false;
        for (var r = 0; r < n; r++)
        {
            if (nu[r] == 0 && x[r] > cap[r])
            {
                // Reno-like first guess: the loss at which one TCP would run at the cap.
                nu[r] = Math.Max(0, 2 / Square(rtt[r] * cap[r]) - p[r]);
                seeded = true;
            }
        }

        if (seeded)
        {
            Evaluate(p, nu, rtt, smoothing, effective, x, d, ws);
        }

        var residual = Residual(nu, x, cap);
        for (var it = 0; it < MaxIterations && residual > Tolerance; it++)
        {
            var size = 0;
            for (var r = 0; r < n; r++)
            {
                if (!double.IsPositiveInfinity(cap[r]) && (cap[r] - x[r]) / cap[r] < nu[r])
                {
                    active[size++] = r;
                }

                step[r] = double.IsPositiveInfinity(cap[r]) ? 0 : -nu[r];
            }

            if (size > 0)
            {
                // Rows of the binding caps: sum_j D_rj step_j = cap_r - x_r, with the free steps moved right.
                var rhs = trialX.Slice(0, size);
                for (var i = 0; i < size; i++)
                {
                    var r = active[i];
                    rhs[i] = cap[r] - x[r];
                    for (var j = 0; j < n; j++)
                    {
                        if (!Contains(active, size, j))
                        {
                            rhs[i] -= d[r * n + j] * step[j];
                        }
                    }

                    for (var k = 0; k < size; k++)
                    {
                        system[i * size + k] = d[r * n + active[k]];
                    }
                }

                if (SmallLu.Factor(system, size, pivot))
                {
                    SmallLu.Solve(system, size, pivot, rhs);
                    for (var i = 0; i < size; i++)
                    {
                        step[active[i]] = rhs[i];
                    }
                }
                else
                {
                    for (var i = 0; i < size; i++)
                    {
                        var r = active[i];
                        step[r] = Math.Max(nu[r], p[r]); // no slope information: double the loss
                    }
                }
            }

            var t = 1.0;
            while (true)
            {
                for (var r = 0; r < n; r++)
                {
                    trialNu[r] = Math.Max(0, nu[r] + t * step[r]);
                }

                Evaluate(p, trialNu, rtt, smoothing, effective, trialX, trialD, ws);
                var trial = Residual(trialNu, trialX, cap);
                if (trial <= (1 - 1e-4 * t) * residual || t < 1e-8)
                {
                    trialNu.CopyTo(nu);
                    trialX.CopyTo(x);
                    trialD.CopyTo(d);
                    residual = trial;
                    break;
                }

                t *= 0.5;
            }
        }

        if (jac.IsEmpty)
        {
            return;
        }

        var bound = 0;
        for (var r = 0; r < n; r++)
        {
            if (nu[r] > 0)
            {
                active[bound++] = r;
            }
        }

        if (bound == 0)
        {
            return;
        }

        for (var i = 0; i < bound; i++)
        {
            for (var k = 0; k < bound; k++)
            {
                system[i * bound + k] = d[active[i] * n + active[k]];
            }
        }

        if (!SmallLu.Factor(system, bound, pivot))
        {
            return;
        }

        // Column j: dnu_A/dp_j = -D_AA^-1 D_Aj, then d x / d p_j = D_.j + D_.A dnu_A/dp_j.
        var column = step.Slice(0, bound);
        var update = trialD;
        d.CopyTo(update);
        for (var j = 0; j < n; j++)
        {
            for (var i = 0; i < bound; i++)
            {
                column[i] = -d[active[i] * n + j];
            }

            SmallLu.Solve(system, bound, pivot, column);
            for (var r = 0; r < n; r++)
            {
                var sum = 0.0;
                for (var i = 0; i < bound; i++)
                {
                    sum += d[r * n + active[i]] * column[i];
                }

                update[r * n + j] += sum;
            }
        }

        update.CopyTo(jac);
    }

    private static void Evaluate(
        ReadOnlySpan<double> p, ReadOnlySpan<double> nu, ReadOnlySpan<double> rtt, TieSmoothing smoothing,
        Span<double> effective, Span<double> x, Span<double> d, ResponseWorkspace ws)
    {
        for (var r = 0; r < p.Length; r++)
        {
            effective[r] = p[r] + nu[r];
        }

        BaliaResponse.RespondUncapped(effective, rtt, smoothing, x, d, ws);
    }

    private static double Residual(ReadOnlySpan<double> nu, ReadOnlySpan<double> x, ReadOnlySpan<double> cap)
    {
        var worst = 0.0;
        for (var r = 0; r < x.Length; r++)
        {
            if (!double.IsPositiveInfinity(cap[r]))
            {
                worst = Math.Max(worst, Math.Abs(Math.Min(nu[r], (cap[r] - x[r]) / cap[r])));
            }
        }

        return worst;
    }

    private static bool Contains(ReadOnlySpan<int> set, int size, int value)
    {
        for (var i = 0; i < size; i++)
        {
            if (set[i] == value)
            {
                return true;
            }
        }

        return false;
    }

    private static double Square(double v) => v * v;
}
