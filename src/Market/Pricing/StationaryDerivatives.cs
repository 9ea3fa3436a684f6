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
/// elimination. Hand-written for the same reason as that class: it runs once per user and group of four
/// candidates, or once per distinct fee vector and group of four users, whose directions are then solved on the one
/// elimination (<see cref="EliminateForOptionSlopes"/>, two or three side by side).</para>
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
        // The elimination's pivots, inverted once for both solves.
        StationaryDistribution.Solve(transitions, k, stationary, work.Slice(2 * k * k + k, k));
        ref var pivot = ref Unsafe.Add(ref rhs, k);
        ref var pi = ref MemoryMarshal.GetReference(stationary);
        ref var x1 = ref MemoryMarshal.GetReference(first);
        // Right-hand sides column by column, each b(j) summed in a register over the rows in order.
        VectorTimesMatrix(ref One(ref pi), ref d1, k, ref One(ref rhs));
        SolveOnElimination(ref p, ref pivot, k, ref pi, ref One(ref rhs), ref One(ref x1));
        for (var j = 0; j < k; j++)
        {
            var sum = Vector256<double>.Zero;
            for (var h = 0; h < k; h++)
            {
                var twice = Unsafe.Add(ref x1, h) + Unsafe.Add(ref x1, h);
                sum = Vector256.FusedMultiplyAdd(twice, Unsafe.Add(ref d1, h * k + j), Vector256.FusedMultiplyAdd(Unsafe.Add(ref pi, h), Unsafe.Add(ref d2, h * k + j), sum));
            }
            Unsafe.Add(ref rhs, j) = sum;
        }
        SolveOnElimination(ref p, ref pivot, k, ref pi, ref One(ref rhs), ref One(ref MemoryMarshal.GetReference(second)));
    }

    private static ref OneDirection One(ref Vector256<double> lanes) => ref Unsafe.As<Vector256<double>, OneDirection>(ref lanes);

    /// <summary>Work lanes <see cref="SolveOptionSlopes"/> needs for K states: what the elimination keeps, then one
    /// direction's own.</summary>
    public static int OptionSlopesWork(int k) => EliminationWork(k) + DirectionWork(k);

    /// <summary>Lanes <see cref="EliminateForOptionSlopes"/> keeps for the directions' solves: P (K²), then the inverted
    /// pivots (K).</summary>
    public static int EliminationWork(int k) => k * k + k;

    /// <summary>
    /// <see cref="Solve"/> for a chain whose utility slopes depend on the option only, s(h, o) = <paramref name="scale"/> ×
    /// <paramref name="weight"/>[o] (K lanes; a scale per lane, so the lanes may be different users, each with its own
    /// −alpha): the oracle's users under flat tariffs, whose fees weigh the same whatever they hold. Then the right-hand sides need no K x K derivative rows: with μ(h) = Σ_o P(h, o) s(o),
    /// ν(h) = Σ_o P(h, o) s(o)² and π P = π,
    /// π P' = s ∘ π − a, a = (π ∘ μ) P, and
    /// 2 π' P' + π P'' = e + s ∘ (2 π' P − 2 a) + s² ∘ π, e = (π (2 μ² − ν) − 2 π' μ) P, π' P = π' − π P',
    /// two vector-matrix products instead of the K x K rows of P' and P'' (about half the arithmetic of
    /// <see cref="Solve"/>). <paramref name="transitions"/> (K x K, rows summing to 1) is overwritten;
    /// <paramref name="work"/> needs <see cref="OptionSlopesWork"/> lanes.
    /// </summary>
    public static void SolveOptionSlopes(Span<Vector256<double>> transitions, ReadOnlySpan<Vector256<double>> weight, Vector256<double> scale, int k,
        Span<Vector256<double>> stationary, Span<Vector256<double>> first, Span<Vector256<double>> second, Span<Vector256<double>> work)
    {
        // Every span checked before the elimination overwrites the transitions.
        if (transitions.Length < k * k || weight.Length < k || stationary.Length < k || first.Length < k || second.Length < k
            || work.Length < OptionSlopesWork(k)) throw new ArgumentException("spans too short for K");
        EliminateForOptionSlopes(transitions, k, stationary, work);
        OptionSlopesOnElimination(transitions, weight, scale, k, stationary, first, second, work);
    }

    /// <summary>
    /// The part of <see cref="SolveOptionSlopes"/> that does not depend on the direction: keeps P in
    /// <paramref name="work"/> (<see cref="OptionSlopesWork"/> lanes: P, then the inverted pivots, then a direction's
    /// own lanes), eliminates <paramref name="transitions"/> and writes π. Several directions at the same fees then share
    /// it (see <see cref="OptionSlopesOnElimination(ReadOnlySpan{Vector256{double}}, ReadOnlySpan{Vector256{double}}, Vector256{double}, int, ReadOnlySpan{Vector256{double}}, Span{Vector256{double}}, Span{Vector256{double}}, Span{Vector256{double}})"/>),
    /// each getting the bits <see cref="SolveOptionSlopes"/> gives it.
    /// </summary>
    public static void EliminateForOptionSlopes(Span<Vector256<double>> transitions, int k, Span<Vector256<double>> stationary, Span<Vector256<double>> work)
    {
        if (transitions.Length < k * k || stationary.Length < k || work.Length < EliminationWork(k)) throw new ArgumentException("spans too short for K");
        transitions[..(k * k)].CopyTo(work); // P, kept for the products after the elimination overwrites it
        StationaryDistribution.Solve(transitions, k, stationary, work.Slice(k * k, k));
    }

    /// <summary>
    /// The direction's part of <see cref="SolveOptionSlopes"/>, on what <see cref="EliminateForOptionSlopes"/> left in
    /// <paramref name="transitions"/>, <paramref name="stationary"/> and the first <see cref="EliminationWork"/> lanes of <paramref name="work"/>
    /// (only read); the rest of the work lanes are this call's.
    /// </summary>
    public static void OptionSlopesOnElimination(ReadOnlySpan<Vector256<double>> transitions, ReadOnlySpan<Vector256<double>> weight, Vector256<double> scale,
        int k, ReadOnlySpan<Vector256<double>> stationary, Span<Vector256<double>> first, Span<Vector256<double>> second, Span<Vector256<double>> work)
    {
        if (work.Length < OptionSlopesWork(k)) throw new ArgumentException("spans too short for K");
        OptionSlopesOnElimination(transitions, weight, scale, k, stationary, first, second, work[..EliminationWork(k)], work[EliminationWork(k)..], 1);
    }

    /// <summary>Lanes of its own that each direction solved together needs (see <see cref="OptionSlopesOnElimination(ReadOnlySpan{Vector256{double}}, ReadOnlySpan{Vector256{double}}, Vector256{double}, int, ReadOnlySpan{Vector256{double}}, Span{Vector256{double}}, Span{Vector256{double}}, ReadOnlySpan{Vector256{double}}, Span{Vector256{double}}, int)"/>).</summary>
    public static int DirectionWork(int k) => 8 * k;

    /// <summary>
    /// <see cref="OptionSlopesOnElimination(ReadOnlySpan{Vector256{double}}, ReadOnlySpan{Vector256{double}}, Vector256{double}, int, ReadOnlySpan{Vector256{double}}, Span{Vector256{double}}, Span{Vector256{double}}, Span{Vector256{double}})"/>
    /// for 1-3 <paramref name="directions"/> in one pass, their chains side by side; each direction gets the bits it gets
    /// alone. <paramref name="weight"/>, <paramref name="first"/> and <paramref name="second"/> hold option o's value for
    /// direction d at o × directions + d; <paramref name="shared"/> is what <see cref="EliminateForOptionSlopes"/> left
    /// (<see cref="EliminationWork"/> lanes, read), <paramref name="own"/> needs <see cref="DirectionWork"/> × directions lanes.
    /// </summary>
    public static void OptionSlopesOnElimination(ReadOnlySpan<Vector256<double>> transitions, ReadOnlySpan<Vector256<double>> weight, Vector256<double> scale,
        int k, ReadOnlySpan<Vector256<double>> stationary, Span<Vector256<double>> first, Span<Vector256<double>> second, ReadOnlySpan<Vector256<double>> shared,
        Span<Vector256<double>> own, int directions)
    {
        var n = k * directions;
        if (directions is < 1 or > 3) throw new ArgumentOutOfRangeException(nameof(directions), directions, "1 to 3 directions at once");
        if (transitions.Length < k * k || weight.Length < n || stationary.Length < k || first.Length < n || second.Length < n
            || shared.Length < EliminationWork(k) || own.Length < DirectionWork(k) * directions) throw new ArgumentException("spans too short for K");
        ref var p = ref MemoryMarshal.GetReference(transitions);
        ref var w = ref MemoryMarshal.GetReference(weight);
        ref var pi = ref MemoryMarshal.GetReference(stationary);
        ref var saved = ref MemoryMarshal.GetReference(shared);
        ref var x1 = ref MemoryMarshal.GetReference(first);
        ref var x2 = ref MemoryMarshal.GetReference(second);
        ref var work = ref MemoryMarshal.GetReference(own);
        switch (directions)
        {
            case 1:
                OptionSlopes<OneDirection>(ref p, ref w, scale, k, ref pi, ref saved, ref x1, ref x2, ref work);
                break;
            case 2:
                OptionSlopes<TwoDirections>(ref p, ref w, scale, k, ref pi, ref saved, ref x1, ref x2, ref work);
                break;
            default:
                OptionSlopes<ThreeDirections>(ref p, ref w, scale, k, ref pi, ref saved, ref x1, ref x2, ref work);
                break;
        }
    }

    /// <summary>The formulas of <see cref="SolveOptionSlopes"/> after the elimination, for the directions in
    /// <typeparamref name="T"/> (each lane array of K × T read as T[K]).</summary>
    private static void OptionSlopes<T>(ref Vector256<double> p, ref Vector256<double> weight, Vector256<double> scale, int k, ref Vector256<double> pi,
        ref Vector256<double> saved, ref Vector256<double> first, ref Vector256<double> second, ref Vector256<double> work)
        where T : struct, IDirectionLanes<T>
    {
        ref var pivot = ref Unsafe.Add(ref saved, k * k);
        ref var w = ref Unsafe.As<Vector256<double>, T>(ref weight);
        ref var x1 = ref Unsafe.As<Vector256<double>, T>(ref first);
        ref var s = ref Unsafe.As<Vector256<double>, T>(ref work);
        ref var s2 = ref Unsafe.Add(ref s, k);
        ref var mu = ref Unsafe.Add(ref s2, k);
        ref var nu = ref Unsafe.Add(ref mu, k);
        ref var a = ref Unsafe.Add(ref nu, k);
        ref var rhs = ref Unsafe.Add(ref a, k);
        ref var b1 = ref Unsafe.Add(ref rhs, k);    // π P', kept (the solve overwrites rhs)
        ref var coefficient = ref Unsafe.Add(ref b1, k);
        for (var o = 0; o < k; o++)
        {
            var slope = Unsafe.Add(ref w, o) * scale;
            Unsafe.Add(ref s, o) = slope;
            Unsafe.Add(ref s2, o) = slope * slope;
        }
        for (var h = 0; h < k; h++)
        {
            T m = T.Zero, v = T.Zero;
            for (var o = 0; o < k; o++)
            {
                var x = Unsafe.Add(ref saved, h * k + o);
                m = T.Fma(Unsafe.Add(ref s, o), x, m);
                v = T.Fma(Unsafe.Add(ref s2, o), x, v);
            }
            Unsafe.Add(ref mu, h) = m;
            Unsafe.Add(ref nu, h) = v;
        }
        for (var h = 0; h < k; h++) Unsafe.Add(ref coefficient, h) = Unsafe.Add(ref mu, h) * Unsafe.Add(ref pi, h);
        VectorTimesMatrix(ref coefficient, ref saved, k, ref a);
        for (var j = 0; j < k; j++)
        {
            var b = T.Fma(Unsafe.Add(ref s, j), Unsafe.Add(ref pi, j), -Unsafe.Add(ref a, j));
            Unsafe.Add(ref b1, j) = b;
            Unsafe.Add(ref rhs, j) = b;
        }
        SolveOnElimination(ref p, ref pivot, k, ref pi, ref rhs, ref x1);
        for (var h = 0; h < k; h++)
        {
            // π(h) (2 μ(h)² − ν(h)) − 2 π'(h) μ(h)
            var m = Unsafe.Add(ref mu, h);
            Unsafe.Add(ref coefficient, h) = T.Fma(m + m, m, -Unsafe.Add(ref nu, h)) * Unsafe.Add(ref pi, h)
                - (Unsafe.Add(ref x1, h) + Unsafe.Add(ref x1, h)) * m;
        }
        VectorTimesMatrix(ref coefficient, ref saved, k, ref rhs);
        for (var j = 0; j < k; j++)
        {
            var moved = Unsafe.Add(ref x1, j) - Unsafe.Add(ref b1, j) - Unsafe.Add(ref a, j); // π' P − a
            var term = T.Fma(Unsafe.Add(ref s, j), moved + moved, Unsafe.Add(ref rhs, j));
            Unsafe.Add(ref rhs, j) = T.Fma(Unsafe.Add(ref s2, j), Unsafe.Add(ref pi, j), term);
        }
        SolveOnElimination(ref p, ref pivot, k, ref pi, ref rhs, ref Unsafe.As<Vector256<double>, T>(ref second));
    }

    /// <summary>result(j) = Σ_h coefficient(h) M(h, j) for the K x K lanes <paramref name="matrix"/>: each sum in a register
    /// over h in order (the K sums are independent, so they overlap instead of waiting on stores).</summary>
    private static void VectorTimesMatrix<T>(ref T coefficient, ref Vector256<double> matrix, int k, ref T result) where T : struct, IDirectionLanes<T>
    {
        for (var j = 0; j < k; j++)
        {
            var sum = T.Zero;
            for (var h = 0; h < k; h++) sum = T.Fma(Unsafe.Add(ref coefficient, h), Unsafe.Add(ref matrix, h * k + j), sum);
            Unsafe.Add(ref result, j) = sum;
        }
    }

    /// <summary>
    /// Solves x (I − P) = b with Σ x = 0 on the matrix <see cref="StationaryDistribution.Solve(Span{Vector256{double}}, int, Span{Vector256{double}}, Span{Vector256{double}})"/>
    /// left behind (<paramref name="reduced"/>, K x K) and its inverted pivots 1 / L(n) (<paramref name="pivot"/>, L(n) =
    /// Σ_{j&lt;n} P(n, j) of the reduced chain, which the elimination leaves in row n as it was when n was reduced):
    /// reducing state n adds b(n) P(n, j) / L(n) to each b(j), j &lt; n; back substitution from x(0) = 0 gives
    /// x(n) = b(n) / L(n) + Σ_{i&lt;n} x(i) P(i, n) / L(n) (the stored column); adding a multiple of π (which solves the
    /// homogeneous system) makes Σ x = 0. <paramref name="rhs"/> (K) is overwritten; <paramref name="x"/> receives K.
    /// </summary>
    private static void SolveOnElimination<T>(ref Vector256<double> reduced, ref Vector256<double> pivot, int k, ref Vector256<double> stationary,
        ref T rhs, ref T x) where T : struct, IDirectionLanes<T>
    {
        // Each unknown as one sum in a register, over the stored column, in the order the state reduction adds its terms
        // (the same bits as adding each known term into every later sum at once), the newest term last: the step from one
        // unknown to the next is then one multiply-add, not a store and a reload.
        var latest = T.Zero;
        for (var n = k - 1; n > 0; n--)
        {
            var sum = Unsafe.Add(ref rhs, n);
            for (var m = k - 1; m > n + 1; m--) sum = T.Fma(Unsafe.Add(ref rhs, m), Unsafe.Add(ref reduced, m * k + n), sum);
            if (n < k - 1) sum = T.Fma(latest, Unsafe.Add(ref reduced, (n + 1) * k + n), sum);
            latest = sum * Unsafe.Add(ref pivot, n);
            Unsafe.Add(ref rhs, n) = latest;
        }
        // Back substitution from x(0) = 0, each x(n) summed in a register, x(n − 1) last.
        x = T.Zero;
        var total = T.Zero;
        for (var n = 1; n < k; n++)
        {
            var sum = Unsafe.Add(ref rhs, n);
            for (var i = 1; i < n - 1; i++) sum = T.Fma(Unsafe.Add(ref x, i), Unsafe.Add(ref reduced, i * k + n), sum);
            if (n > 1) sum = T.Fma(latest, Unsafe.Add(ref reduced, (n - 1) * k + n), sum);
            latest = sum;
            Unsafe.Add(ref x, n) = sum;
            total += sum;
        }
        for (var j = 0; j < k; j++) Unsafe.Add(ref x, j) = T.Fma(-total, Unsafe.Add(ref stationary, j), Unsafe.Add(ref x, j));
    }
}
