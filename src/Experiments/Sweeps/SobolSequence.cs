namespace MarketSim.Experiments.Sweeps;

/// <summary>
/// The Sobol low-discrepancy sequence in up to <see cref="MaxDimensions"/> dimensions (Bratley and Fox's
/// gray-code construction with Joe and Kuo's direction numbers, new-joe-kuo-6.21201). Written by hand because
/// MathNet.Numerics has no quasi-random sequences and no well-kept .NET package is served here. The sequence
/// starts at the origin and keeps it: the first 2^k points then form a (0, k, d)-net, each dimension's points
/// falling one in each interval of width 2^-k (dropping the origin would break that balance).
/// </summary>
public sealed class SobolSequence
{
    /// <summary>Dimensions supported (swept parameters per design).</summary>
    public const int MaxDimensions = 32;

    private const int Bits = 32;

    // (s, a, m_1..m_s) for dimensions 2..32 (a Saltelli design over k parameters needs 2k); dimension 1 is the van der Corput sequence in base 2.
    private static readonly (int S, int A, int[] M)[] JoeKuo =
    [
        (1, 0, [1]),
        (2, 1, [1, 3]),
        (3, 1, [1, 3, 1]),
        (3, 2, [1, 1, 1]),
        (4, 1, [1, 1, 3, 3]),
        (4, 4, [1, 3, 5, 13]),
        (5, 2, [1, 1, 5, 5, 17]),
        (5, 4, [1, 1, 5, 5, 5]),
        (5, 7, [1, 1, 7, 11, 19]),
        (5, 11, [1, 1, 5, 1, 1]),
        (5, 13, [1, 1, 1, 3, 11]),
        (5, 14, [1, 3, 5, 5, 31]),
        (6, 1, [1, 3, 3, 9, 7, 49]),
        (6, 13, [1, 1, 1, 15, 21, 21]),
        (6, 16, [1, 3, 1, 13, 27, 49]),
        (6, 19, [1, 1, 1, 15, 7, 5]),
        (6, 22, [1, 3, 1, 15, 13, 25]),
        (6, 25, [1, 1, 5, 5, 19, 61]),
        (7, 1, [1, 3, 7, 11, 23, 15, 103]),
        (7, 4, [1, 3, 7, 13, 13, 15, 69]),
        (7, 7, [1, 1, 3, 13, 7, 35, 63]),
        (7, 8, [1, 3, 5, 9, 1, 25, 53]),
        (7, 14, [1, 3, 1, 13, 9, 35, 107]),
        (7, 19, [1, 3, 1, 5, 27, 61, 31]),
        (7, 21, [1, 1, 5, 11, 19, 41, 61]),
        (7, 28, [1, 3, 5, 3, 3, 13, 69]),
        (7, 31, [1, 1, 7, 13, 1, 19, 1]),
        (7, 32, [1, 3, 7, 5, 13, 19, 59]),
        (7, 37, [1, 1, 3, 9, 25, 29, 41]),
        (7, 41, [1, 3, 5, 13, 23, 1, 55]),
        (7, 42, [1, 3, 7, 3, 13, 59, 17]),
    ];

    private readonly uint[][] directions;

    /// <summary>A sequence in <paramref name="dimensions"/> dimensions.</summary>
    public SobolSequence(int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimensions, MaxDimensions);
        directions = new uint[dimensions][];
        directions[0] = Enumerable.Range(1, Bits).Select(i => 1u << (Bits - i)).ToArray();
        for (var d = 1; d < dimensions; d++)
        {
            var (s, a, m) = JoeKuo[d - 1];
            var v = new uint[Bits];
            for (var i = 0; i < Math.Min(s, Bits); i++) v[i] = (uint)m[i] << (Bits - 1 - i);
            for (var i = s; i < Bits; i++)
            {
                var value = v[i - s] ^ (v[i - s] >> s);
                for (var k = 1; k < s; k++) value ^= ((uint)(a >> (s - 1 - k)) & 1u) * v[i - k];
                v[i] = value;
            }
            directions[d] = v;
        }
    }

    /// <summary>The first <paramref name="count"/> points, origin first, each in [0, 1)^d (gray-code order:
    /// point n = point n-1 XOR the direction number of the lowest set bit of n).</summary>
    public double[][] Points(int count)
    {
        var dims = directions.Length;
        var x = new uint[dims];
        var points = new double[count][];
        for (var n = 0; n < count; n++)
        {
            points[n] = new double[dims];
            if (n == 0) continue;
            var bit = System.Numerics.BitOperations.TrailingZeroCount(n);
            for (var d = 0; d < dims; d++)
            {
                x[d] ^= directions[d][bit];
                points[n][d] = x[d] / 4294967296.0;
            }
        }
        return points;
    }
}
