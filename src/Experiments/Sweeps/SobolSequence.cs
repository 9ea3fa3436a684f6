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
    public const int MaxDimensions = 10;

    private const int Bits = 32;

    // (s, a, m_1..m_s) for dimensions 2..10; dimension 1 is the van der Corput sequence in base 2.
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
    ];

    private readonly uint[][] directions;

    /// <summary>A sequence in <paramref name="dimensions"/> dimensions.</summary>
    public SobolSequence(int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimensions, MaxDimensions);
        directions = new uint[dimensions][];
        directions[0] = Enumerable.Range(1, Bits).Select(i => 1u << (Bits - i)).ToArray();
        for (int d = 1; d < dimensions; d++)
        {
            var (s, a, m) = JoeKuo[d - 1];
            var v = new uint[Bits];
            for (int i = 0; i < Math.Min(s, Bits); i++) v[i] = (uint)m[i] << (Bits - 1 - i);
            for (int i = s; i < Bits; i++)
            {
                uint value = v[i - s] ^ (v[i - s] >> s);
                for (int k = 1; k < s; k++) value ^= ((uint)(a >> (s - 1 - k)) & 1u) * v[i - k];
                v[i] = value;
            }
            directions[d] = v;
        }
    }

    /// <summary>The first <paramref name="count"/> points, origin first, each in [0, 1)^d (gray-code order:
    /// point n = point n-1 XOR the direction number of the lowest set bit of n).</summary>
    public double[][] Points(int count)
    {
        int dims = directions.Length;
        var x = new uint[dims];
        var points = new double[count][];
        for (int n = 0; n < count; n++)
        {
            points[n] = new double[dims];
            if (n == 0) continue;
            int bit = System.Numerics.BitOperations.TrailingZeroCount(n);
            for (int d = 0; d < dims; d++)
            {
                x[d] ^= directions[d][bit];
                points[n][d] = x[d] / 4294967296.0;
            }
        }
        return points;
    }
}
