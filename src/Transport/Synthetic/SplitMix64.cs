namespace MarketSim.Transport.Synthetic;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014): a tiny seeded generator whose sequence is fixed by this code,
/// unlike System.Random's seeded sequence, which .NET does not promise to keep across versions.
/// </summary>
public struct SplitMix64
{
    private ulong state;

    /// <summary>A generator starting from <paramref name="seed"/>.</summary>
    /// <param name="seed">Any 64-bit value.</param>
    public SplitMix64(ulong seed) => state = seed;

    /// <summary>Next 64 uniformly distributed bits.</summary>
    public ulong NextUInt64()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform double in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    /// <param name="min">Lower bound.</param>
    /// <param name="max">Upper bound.</param>
    public double NextDouble(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>Uniform integer in [0, <paramref name="n"/>) (multiply-shift, bias below 2^-32).</summary>
    /// <param name="n">Exclusive upper bound, &gt; 0.</param>
    public int NextInt(int n) => (int)(((NextUInt64() >> 32) * (ulong)n) >> 32);
}
