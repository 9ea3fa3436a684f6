using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MarketSim.Market.Pricing;

/// <summary>
/// The logit rows of a user's review chain, factored so that a candidate fee vector costs K exponentials instead of K²:
/// when an option's fee weights do not depend on the portfolio held (flat tariffs: every fee counts in full), row h's
/// probabilities are P(h, o) ∝ exp(alpha B(h, o)) × exp(−alpha cost(o)), B the fee-free utility (computed once per user
/// for all candidates) and cost(o) the option's fees. Both factors are scaled (row maximum of B, cheapest option) so
/// neither overflows; a row whose products underflow (extreme alpha) is left to the caller's direct evaluation.
/// Hand-written: the point is to skip exponentials a general library call would take.
/// </summary>
internal static class FactoredLogitRows
{
    /// <summary>
    /// The exponents of the factors, factor(h, o) = exp(alpha (B(h, o) − max_o B(h, o))), floored at
    /// <see cref="MinExponent"/>, for each of <paramref name="rows"/> rows of width k, for the caller to exponentiate: the
    /// oracle takes a whole chunk of users' exponents in one library call (a call per user costs about twice as much per
    /// exponential at K² = 49). The floor makes the bits of each factor the same however the exponents are cut into
    /// vectors (see <see cref="MinExponent"/>).
    /// </summary>
    public static void Exponents(ReadOnlySpan<double> baseUtility, int rows, int k, double alpha, Span<double> factor)
    {
        // Hand-written rows (K ~ 3-15): a library call per row costs more than the row's arithmetic. A row of four or more
        // is read as vectors of four, the last one overlapping the one before (its shared entries written twice with the
        // same value): the maximum is the same whatever the order (IEEE maximum, +0 above −0, NaN kept), and each entry
        // gets the same two roundings as alpha × (B − max).
        var floor = Vector256.Create(MinExponent);
        for (var h = 0; h < rows; h++)
        {
            var b = baseUtility.Slice(h * k, k);
            var row = factor.Slice(h * k, k);
            if (k < Vector256<double>.Count)
            {
                var max = b[0];
                for (var o = 1; o < k; o++) max = Math.Max(max, b[o]);
                for (var o = 0; o < k; o++) row[o] = Math.Max((b[o] - max) * alpha, MinExponent);
                continue;
            }
            var last = k - Vector256<double>.Count;
            var most = Vector256.Create(b[last..]);
            for (var o = 0; o < last; o += Vector256<double>.Count) most = Vector256.Max(most, Vector256.Create(b[o..]));
            var top = Vector256.Create(Math.Max(Math.Max(most.GetElement(0), most.GetElement(1)), Math.Max(most.GetElement(2), most.GetElement(3))));
            var scale = Vector256.Create(alpha);
            for (var o = 0; o < last; o += Vector256<double>.Count) Vector256.Max((Vector256.Create(b[o..]) - top) * scale, floor).CopyTo(row[o..]);
            Vector256.Max((Vector256.Create(b[last..]) - top) * scale, floor).CopyTo(row[last..]);
        }
    }

    /// <summary>
    /// The least exponent of a factor or option factor: exp(−700) ≈ 1e-304, an option about 700 / alpha below the row's
    /// best (or above the candidate's cheapest), whose probability is below 1e-300 either way. The floor keeps every
    /// exponential on the library's vector path: a vector holding an argument below about −708 is computed element by
    /// element in scalar code, whose last bits may differ, so without it a user's factors could depend on whose
    /// exponents share its vectors (its own, four users' in lanes, or a chunk's). Two more conditions keep every call on
    /// the vector path, and hold here: no NaN (utilities are finite), and at least two numbers per call (a call of one is
    /// computed by Math.Exp): a factored user has two or more options, and a candidate's first option factors are all new.
    /// <c>TensorPrimitivesExpTests</c> pins the library's behaviour.
    /// </summary>
    public const double MinExponent = -700;

    /// <summary>Writes one row's probabilities; false (row untouched) when the products underflow.</summary>
    public static bool Row(ReadOnlySpan<double> factorRow, ReadOnlySpan<double> optionFactor, Span<double> row)
    {
        double sum = 0;
        for (var o = 0; o < row.Length; o++) sum += factorRow[o] * optionFactor[o];
        // Products are at most 1 each; a sum this small means the row's likely options underflowed (subnormal products
        // carry few digits), so the caller evaluates the row directly.
        if (!(sum >= 1e-250)) return false;
        var scale = 1 / sum;
        for (var o = 0; o < row.Length; o++) row[o] = factorRow[o] * optionFactor[o] * scale;
        return true;
    }

    /// <summary>The same row for four candidates at once, one per lane (<paramref name="optionFactor"/>[o] holds option
    /// o's factor of each), each lane bit for bit what <see cref="Row(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/>
    /// gives; false (the row then holds no probabilities) when any lane underflows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined, one row's sum overlaps the next row's products
    public static bool Row(ReadOnlySpan<double> factorRow, ReadOnlySpan<Vector256<double>> optionFactor, Span<Vector256<double>> row)
    {
        var sum = Vector256<double>.Zero;
        for (var o = 0; o < row.Length; o++) sum += row[o] = Vector256.Create(factorRow[o]) * optionFactor[o];
        return ScaledToOne(row, sum);
    }

    /// <summary>One row for four users at once, one per lane (<paramref name="factorRow"/>[o] holds each user's factor,
    /// <paramref name="optionFactor"/>[o] each user's option factor), each lane bit for bit what
    /// <see cref="Row(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/> gives that user; false (the row then
    /// holds no probabilities) when any lane underflows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Row(ReadOnlySpan<Vector256<double>> factorRow, ReadOnlySpan<Vector256<double>> optionFactor, Span<Vector256<double>> row)
    {
        var sum = Vector256<double>.Zero;
        for (var o = 0; o < row.Length; o++) sum += row[o] = factorRow[o] * optionFactor[o];
        return ScaledToOne(row, sum);
    }

    /// <summary>The products in <paramref name="row"/> scaled by 1 / <paramref name="sum"/> in place (the same two
    /// roundings as (factor × option factor) × scale); false when some lane's sum underflows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ScaledToOne(Span<Vector256<double>> row, Vector256<double> sum)
    {
        if (!Vector256.GreaterThanOrEqualAll(sum, Vector256.Create(1e-250))) return false;
        var scale = Vector256<double>.One / sum;
        for (var o = 0; o < row.Length; o++) row[o] *= scale;
        return true;
    }
}
