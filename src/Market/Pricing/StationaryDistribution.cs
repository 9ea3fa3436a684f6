using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MarketSim.Market.Pricing;

/// <summary>
/// Stationary distribution of a small row-stochastic matrix by the Grassmann-Taksar-Heyman elimination, which uses no
/// subtraction and so stays accurate when some transitions are tiny (a strong inertia bonus makes leaving a portfolio
/// rare). Hand-written because it runs once per user and candidate fee vector on a K x K matrix (K ~ 3-15): a MathNet
/// dense solve would allocate per call and is less accurate for nearly decomposable chains.
/// <para>The vector overload solves four chains at once, one per lane (four candidates of one user, or one candidate of
/// four users), with the scalar routine's operations in the same order, so each lane's result is bit for bit the scalar
/// one.</para>
/// </summary>
public static class StationaryDistribution
{
    /// <summary>Overwrites <paramref name="transitions"/> (row-major K x K, rows summing to 1) and writes the stationary
    /// probabilities into <paramref name="stationary"/> (length K). After it, row n's entries left of the diagonal are the
    /// reduced chain's as state n was eliminated, and column n above it holds them divided by that state's pivot (the sum
    /// of row n left of the diagonal): what <see cref="StationaryDerivatives"/> solves on.</summary>
    public static void Solve(Span<double> transitions, int k, Span<double> stationary)
    {
        if (transitions.Length < k * k || stationary.Length < k) throw new ArgumentException("spans too short for K");
        // References instead of span indexing (lengths checked above): the bounds checks of computed indices cost about as
        // much as the arithmetic of these small loops. The vector overload below mirrors every operation.
        ref var t = ref MemoryMarshal.GetReference(transitions);
        for (var n = k - 1; n > 0; n--)
        {
            ref var rowN = ref Unsafe.Add(ref t, n * k);
            double leave = 0;
            for (var j = 0; j < n; j++) leave += Unsafe.Add(ref rowN, j);
            // A state that cannot reach a lower one (underflowed probabilities) keeps a tiny exit so the chain stays irreducible.
            var inverse = 1 / Math.Max(leave, 1e-300);
            for (var i = 0; i < n; i++)
            {
                ref var rowI = ref Unsafe.Add(ref t, i * k);
                var via = Unsafe.Add(ref rowI, n) * inverse;
                Unsafe.Add(ref rowI, n) = via;
                for (var j = 0; j < n; j++) Unsafe.Add(ref rowI, j) = Math.FusedMultiplyAdd(via, Unsafe.Add(ref rowN, j), Unsafe.Add(ref rowI, j));
            }
        }
        ref var pi = ref MemoryMarshal.GetReference(stationary);
        pi = 1;
        double total = 1;
        for (var j = 1; j < k; j++)
        {
            double x = 0;
            for (var i = 0; i < j; i++) x = Math.FusedMultiplyAdd(Unsafe.Add(ref pi, i), Unsafe.Add(ref t, i * k + j), x);
            Unsafe.Add(ref pi, j) = x;
            total += x;
        }
        var scale = 1 / total;
        for (var j = 0; j < k; j++) Unsafe.Add(ref pi, j) *= scale;
    }

    /// <summary>Four chains at once, one per lane: <paramref name="transitions"/> (row-major K x K of lanes) is
    /// overwritten and <paramref name="stationary"/> (K lanes) receives each lane's stationary probabilities, equal to
    /// <see cref="Solve(Span{double}, int, Span{double})"/> of that lane's matrix to the last bit.</summary>
    public static void Solve(Span<Vector256<double>> transitions, int k, Span<Vector256<double>> stationary)
        => Solve(transitions, k, stationary, []);

    /// <summary>
    /// <see cref="Solve(Span{Vector256{double}}, int, Span{Vector256{double}})"/>, also writing each eliminated state's
    /// inverted pivot 1 / max(L(n), 1e-300), L(n) the sum of row n left of the diagonal as n was eliminated, into
    /// <paramref name="inversePivots"/>[n] for n = 1..K−1 (when it has K lanes; left alone when empty): what
    /// <see cref="StationaryDerivatives"/> solves with.
    /// </summary>
    public static void Solve(Span<Vector256<double>> transitions, int k, Span<Vector256<double>> stationary, Span<Vector256<double>> inversePivots)
    {
        if (transitions.Length < k * k || stationary.Length < k || (!inversePivots.IsEmpty && inversePivots.Length < k))
            throw new ArgumentException("spans too short for K");
        var keepPivots = !inversePivots.IsEmpty;
        var tiny = Vector256.Create(1e-300);
        ref var t = ref MemoryMarshal.GetReference(transitions);
        // The pivot row's sum L(n) is the chain's critical path: row n − 1, the next pivot row, is reduced first and its
        // next sum accumulated as its entries are written (the same additions in the same order as summing it afterwards,
        // so the bits are the scalar routine's); the other rows' reductions do not feed the next pivot and overlap it.
        var leave = Vector256<double>.Zero;
        if (k > 1)
        {
            ref var last = ref Unsafe.Add(ref t, (k - 1) * k);
            for (var j = 0; j < k - 1; j++) leave += Unsafe.Add(ref last, j);
        }
        for (var n = k - 1; n > 0; n--)
        {
            ref var rowN = ref Unsafe.Add(ref t, n * k);
            var inverse = Vector256<double>.One / Vector256.Max(leave, tiny);
            if (keepPivots) inversePivots[n] = inverse;
            ref var next = ref Unsafe.Add(ref t, (n - 1) * k);
            var via = Unsafe.Add(ref next, n) * inverse;
            Unsafe.Add(ref next, n) = via;
            leave = Vector256<double>.Zero;
            for (var j = 0; j < n - 1; j++)
            {
                var reduced = Vector256.FusedMultiplyAdd(via, Unsafe.Add(ref rowN, j), Unsafe.Add(ref next, j));
                Unsafe.Add(ref next, j) = reduced;
                leave += reduced;
            }
            Unsafe.Add(ref next, n - 1) = Vector256.FusedMultiplyAdd(via, Unsafe.Add(ref rowN, n - 1), Unsafe.Add(ref next, n - 1));
            for (var i = 0; i < n - 1; i++)
            {
                ref var rowI = ref Unsafe.Add(ref t, i * k);
                via = Unsafe.Add(ref rowI, n) * inverse;
                Unsafe.Add(ref rowI, n) = via;
                for (var j = 0; j < n; j++) Unsafe.Add(ref rowI, j) = Vector256.FusedMultiplyAdd(via, Unsafe.Add(ref rowN, j), Unsafe.Add(ref rowI, j));
            }
        }
        ref var pi = ref MemoryMarshal.GetReference(stationary);
        pi = Vector256<double>.One;
        var total = Vector256<double>.One;
        for (var j = 1; j < k; j++)
        {
            var x = Vector256<double>.Zero;
            for (var i = 0; i < j; i++) x = Vector256.FusedMultiplyAdd(Unsafe.Add(ref pi, i), Unsafe.Add(ref t, i * k + j), x);
            Unsafe.Add(ref pi, j) = x;
            total += x;
        }
        var scale = Vector256<double>.One / total;
        for (var j = 0; j < k; j++) Unsafe.Add(ref pi, j) *= scale;
    }
}
