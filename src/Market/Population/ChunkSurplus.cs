using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MarketSim.Market.Population;

/// <summary>
/// A chunk's consumer surplus for the books: each user's log-sum in millionths, (long)Math.Round(logSum × 1e6), summed
/// per segment and in all. A pass across users, a vector of four at a time, with one masked sum per segment: adding a
/// user's millionths to its segment's counter in memory, user by user, made a chain of dependent stores among neighbours
/// (they mostly share a segment). Integer sums, so the order of the additions changes nothing.
/// </summary>
public static class ChunkSurplus
{
    private const int Lane = 4;

    /// <summary>Adds each user's log-sum in millionths (<paramref name="logSum"/>[j], its segment
    /// <paramref name="segments"/>[j] in 0..<see cref="UserSegment.Count"/>) to <paramref name="bySegment"/>; returns the
    /// chunk's total.</summary>
    public static long AddBySegment(ReadOnlySpan<double> logSum, ReadOnlySpan<int> segments, Span<long> bySegment)
    {
        if (segments.Length != logSum.Length) throw new ArgumentException("A segment per user.", nameof(segments));
        if (UserSegment.Count != 4 || bySegment.Length < UserSegment.Count) throw new ArgumentException($"{UserSegment.Count} segment sums.", nameof(bySegment));
        // Four segments (device × place), one register of sums each.
        var sums = (Zero: Vector256<long>.Zero, One: Vector256<long>.Zero, Two: Vector256<long>.Zero, Three: Vector256<long>.Zero);
        var scale = Vector256.Create(1e6);
        ref var first = ref MemoryMarshal.GetReference(logSum);
        ref var firstSegment = ref MemoryMarshal.GetReference(segments);
        var users = logSum.Length;
        var vectorEnd = users - (users % Lane);
        for (var j = 0; j < vectorEnd; j += Lane)
        {
            // Round to nearest, ties to even (Math.Round's rule); the conversion of an integral value is exact, and
            // saturates as the scalar cast does (a user with no option at all has log-sum −infinity).
            var micros = Vector256.ConvertToInt64(Vector256.Round(Vector256.LoadUnsafe(ref first, (nuint)j) * scale));
            var segment = Vector256.WidenLower(Vector128.LoadUnsafe(ref firstSegment, (nuint)j).ToVector256Unsafe());
            sums.Zero += micros & Vector256.Equals(segment, Vector256<long>.Zero);
            sums.One += micros & Vector256.Equals(segment, Vector256<long>.One);
            sums.Two += micros & Vector256.Equals(segment, Vector256.Create(2L));
            sums.Three += micros & Vector256.Equals(segment, Vector256.Create(3L));
        }
        ReadOnlySpan<long> bySum = [Vector256.Sum(sums.Zero), Vector256.Sum(sums.One), Vector256.Sum(sums.Two), Vector256.Sum(sums.Three)];
        long total = 0;
        for (var s = 0; s < bySum.Length; s++)
        {
            bySegment[s] += bySum[s];
            total += bySum[s];
        }
        for (var j = vectorEnd; j < users; j++)
        {
            var micros = (long)Math.Round(logSum[j] * 1e6);
            bySegment[segments[j]] += micros;
            total += micros;
        }
        return total;
    }
}
