using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MarketSim.Market.Pricing;

/// <summary>
/// A user's long-run demand and its first and second derivatives along a direction in fee space, for four candidates
/// at once (one per vector lane): what lets a Newton step of the fee search cost one evaluation instead of three.
/// <para>Each row h of the review chain is a logit, P(h, o) ∝ exp(u(h, o)), and along the direction every utility moves
/// linearly, du(h, o)/dt = s(h, o) (= −alpha × the fee weight of the direction's fees in option o). Then
/// P' = P c and P'' = P (c² − Σ_o P c²) with c(h, o) = s(h, o) − Σ_o P(h, o) s(h, o). The stationary distribution π
/// (π P = π, Σ π = 1) has π' (I − P) = π P' and π'' (I − P) = 2 π' P' + π P'', both with Σ = 0: each is solved on the
/// elimination that <see cref="StationaryDistribution"/> leaves behind (Grassmann-Taksar-Heyman state reduction is an
/// LU factorisation of I − P with positive pivots), so the derivatives cost two triangular solves, not another
/// elimination. Hand-written for the same reason as that class: it runs once per user and candidate group.</para>
/// </summary>
public static class StationaryDerivatives
{
    /// <summary>
    /// Writes π, π' and π'' of the chain whose rows (row-major K x K of lanes, each summing to 1) are in
    /// <paramref name="transitions"/> (overwritten by the elimination), given each utility's slope along the direction,
    /// <paramref name="scale"/> × <paramref name="weight"/> (K x K of lanes; the oracle's weights are the direction's fee
    /// weights, the same for every user of a location, and the scale is the user's −alpha). <paramref name="work"/> needs 2 K² + 2 K lanes. With
    /// <paramref name="oneRow"/> every row is alike (no inertia): the chain is one logit draw and π is row 0.
    /// </summary>
    public static void Solve(Span<Vector256<double>> transitions, ReadOnlySpan<Vector256<double>> weight, double scale, int k, bool oneRow,
        Span<Vector256<double>> stationary, Span<Vector256<double>> first, Span<Vector256<double>> second, Span<Vector256<double>> work)
    {
        var rows = oneRow ? 1 : k;
        if (transitions.Length < rows * k || weight.Length < rows * k || stationary.Length < k || first.Length < k || second.Length < k
            || work.Length < 2 * k * k + 2 * k) throw new ArgumentException("spans too short for K");
        // References instead of span indexing in the loops below: the lengths are checked above, and the bounds checks of
        // computed indices would otherwise cost about as much as the arithmetic (K ~ 3-15, once per user and group).
        ref var p = ref MemoryMarshal.GetReference(transitions);
        ref var w = ref MemoryMarshal.GetReference(weight);
        var factor = Vector256.Create(scale);
        ref var d1 = ref MemoryMarshal.GetReference(work);
        ref var d2 = ref Unsafe.Add(ref d1, k * k);
        ref var rhs = ref Unsafe.Add(ref d1, 2 * k * k);
        for (var h = 0; h < rows; h++)
        {
            var row = h * k;
            var mean = Vector256<double>.Zero;
            for (var o = 0; o < k; o++) mean = Vector256.FusedMultiplyAdd(Unsafe.Add(ref p, row + o), Unsafe.Add(ref w, row + o), mean);
            var spread = Vector256<double>.Zero;
            for (var o = 0; o < k; o++)
            {
                var c = (Unsafe.Add(ref w, row + o) - mean) * factor; // the utility's slope less the row's mean slope
                var first1 = Unsafe.Add(ref p, row + o) * c;
                Unsafe.Add(ref d1, row + o) = first1;
                Unsafe.Add(ref d2, row + o) = first1 * c;
                spread = Vector256.FusedMultiplyAdd(first1, c, spread);
            }
            for (var o = 0; o < k; o++) Unsafe.Add(ref d2, row + o) = Vector256.FusedMultiplyAdd(-Unsafe.Add(ref p, row + o), spread, Unsafe.Add(ref d2, row + o));
        }
        if (oneRow)
        {
            transitions[..k].CopyTo(stationary);
            work[..k].CopyTo(first);
            work.Slice(k * k, k).CopyTo(second);
            return;
        }
        StationaryDistribution.Solve(transitions, k, stationary);
        // The elimination's pivots, inverted once for both solves.
        ref var pivot = ref Unsafe.Add(ref rhs, k);
        var tiny = Vector256.Create(1e-300);
        for (var n = 1; n < k; n++)
        {
            var leave = Vector256<double>.Zero;
            for (var j = 0; j < n; j++) leave += Unsafe.Add(ref p, n * k + j);
            Unsafe.Add(ref pivot, n) = Vector256<double>.One / Vector256.Max(leave, tiny);
        }
        ref var pi = ref MemoryMarshal.GetReference(stationary);
        ref var x1 = ref MemoryMarshal.GetReference(first);
        // Right-hand sides row by row (each b(j) its own accumulator, so the sums do not wait on each other).
        for (var j = 0; j < k; j++) Unsafe.Add(ref rhs, j) = Vector256<double>.Zero;
        for (var h = 0; h < k; h++)
        {
            var held = Unsafe.Add(ref pi, h);
            for (var j = 0; j < k; j++) Unsafe.Add(ref rhs, j) = Vector256.FusedMultiplyAdd(held, Unsafe.Add(ref d1, h * k + j), Unsafe.Add(ref rhs, j));
        }
        SolveOnElimination(ref p, ref pivot, k, ref pi, ref rhs, ref x1);
        for (var j = 0; j < k; j++) Unsafe.Add(ref rhs, j) = Vector256<double>.Zero;
        for (var h = 0; h < k; h++)
        {
            var twice = Unsafe.Add(ref x1, h) + Unsafe.Add(ref x1, h);
            var held = Unsafe.Add(ref pi, h);
            for (var j = 0; j < k; j++)
                Unsafe.Add(ref rhs, j) = Vector256.FusedMultiplyAdd(twice, Unsafe.Add(ref d1, h * k + j), Vector256.FusedMultiplyAdd(held, Unsafe.Add(ref d2, h * k + j), Unsafe.Add(ref rhs, j)));
        }
        SolveOnElimination(ref p, ref pivot, k, ref pi, ref rhs, ref MemoryMarshal.GetReference(second));
    }

    /// <summary>
    /// Solves x (I − P) = b with Σ x = 0 on the matrix <see cref="StationaryDistribution.Solve(Span{Vector256{double}}, int, Span{Vector256{double}})"/>
    /// left behind (<paramref name="reduced"/>, K x K) and its inverted pivots 1 / L(n) (<paramref name="pivot"/>, L(n) =
    /// Σ_{j&lt;n} P(n, j) of the reduced chain, which the elimination leaves in row n as it was when n was reduced):
    /// reducing state n adds b(n) P(n, j) / L(n) to each b(j), j &lt; n; back substitution from x(0) = 0 gives
    /// x(n) = b(n) / L(n) + Σ_{i&lt;n} x(i) P(i, n) / L(n) (the stored column); adding a multiple of π (which solves the
    /// homogeneous system) makes Σ x = 0. <paramref name="rhs"/> (K) is overwritten; <paramref name="x"/> receives K.
    /// </summary>
    private static void SolveOnElimination(ref Vector256<double> reduced, ref Vector256<double> pivot, int k, ref Vector256<double> stationary,
        ref Vector256<double> rhs, ref Vector256<double> x)
    {
        for (var n = k - 1; n > 0; n--)
        {
            var scaled = Unsafe.Add(ref rhs, n) * Unsafe.Add(ref pivot, n);
            Unsafe.Add(ref rhs, n) = scaled;
            for (var j = 0; j < n; j++) Unsafe.Add(ref rhs, j) = Vector256.FusedMultiplyAdd(scaled, Unsafe.Add(ref reduced, n * k + j), Unsafe.Add(ref rhs, j));
        }
        // Back substitution column by column: once x(i) is known it is added into every later state's sum at once.
        x = Vector256<double>.Zero;
        for (var n = 1; n < k; n++) Unsafe.Add(ref x, n) = Unsafe.Add(ref rhs, n);
        var total = Vector256<double>.Zero;
        for (var i = 1; i < k; i++)
        {
            var known = Unsafe.Add(ref x, i);
            total += known;
            for (var n = i + 1; n < k; n++) Unsafe.Add(ref x, n) = Vector256.FusedMultiplyAdd(known, Unsafe.Add(ref reduced, i * k + n), Unsafe.Add(ref x, n));
        }
        for (var j = 0; j < k; j++) Unsafe.Add(ref x, j) = Vector256.FusedMultiplyAdd(-total, Unsafe.Add(ref stationary, j), Unsafe.Add(ref x, j));
    }
}
