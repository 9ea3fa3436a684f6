using System.Runtime.Intrinsics;

namespace MarketSim.Market.Randomness;

/// <summary>
/// A counter-based random source: every draw is a pure function of (seed, stream, agent, tick, draw).
/// Written by hand on purpose: System.Random's seeded sequence is not guaranteed across .NET versions, and a
/// sequential generator (MathNet's Xoshiro and friends) would make a draw depend on how many draws came before,
/// i.e. on how users are split into blocks and in which order actors run. A keyed hash makes every user's
/// draws the same at any block size, worker count or node count. The mixer is SplitMix64's finaliser
/// (Steele, Lea, Flood 2014), a bijection with full avalanche, applied once per key component.
/// </summary>
public readonly record struct CounterRandom(ulong Seed)
{
    private const double UnitScale = 1.0 / (1UL << 53);

    /// <summary>The derived seed of a run inside a sweep: independent streams per (root seed, run index).</summary>
    public static ulong DeriveSeed(ulong rootSeed, ulong runIndex) => Mix(Mix(rootSeed) ^ (runIndex + 0x632BE59BD9B4E019UL));

    /// <summary>64 uniformly distributed bits for the key.</summary>
    public ulong Bits(RandomStream stream, long agent, int tick, int draw = 0)
    {
        var h = Mix(Seed ^ ((ulong)stream * 0xD1B54A32D192ED03UL));
        h = Mix(h ^ (ulong)agent);
        h = Mix(h ^ (uint)tick);
        return Mix(h ^ (uint)draw);
    }

    /// <summary>The first mixing step of <see cref="Bits"/>, which depends on the stream alone: a loop drawing for many
    /// agents takes it once and then <see cref="Uniform(ulong, long, int, int)"/> per agent (three mixing steps instead of four).</summary>
    public ulong StreamKey(RandomStream stream) => Mix(Seed ^ ((ulong)stream * 0xD1B54A32D192ED03UL));

    /// <summary>The draw <see cref="Uniform(RandomStream, long, int, int)"/> gives, from the stream's <see cref="StreamKey"/>.</summary>
    public static double Uniform(ulong streamKey, long agent, int tick, int draw = 0)
    {
        var h = Mix(streamKey ^ (ulong)agent);
        h = Mix(h ^ (uint)tick);
        return ((Mix(h ^ (uint)draw) >> 11) + 0.5) * UnitScale;
    }

    /// <summary>
    /// Draw 0 of <paramref name="tick"/> for every agent of <paramref name="agents"/>, from the stream's
    /// <see cref="StreamKey"/>: <c>uniforms[i] = Uniform(streamKey, agents[i], tick)</c> to the last bit, a vector of agents
    /// at a time (the three mixing steps are independent across agents, and each lane does the scalar arithmetic).
    /// </summary>
    public static void Uniforms(ulong streamKey, ReadOnlySpan<int> agents, int tick, Span<double> uniforms)
    {
        if (uniforms.Length < agents.Length) throw new ArgumentException("A uniform per agent is needed.", nameof(uniforms));
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var key = Vector256.Create(streamKey);
            var time = Vector256.Create((ulong)(uint)tick);
            var half = Vector256.Create(0.5);
            var scale = Vector256.Create(UnitScale);
            for (; i <= agents.Length - Vector256<ulong>.Count; i += Vector256<ulong>.Count)
            {
                // (ulong)(long)agent: the agent id sign-extended, as the scalar path converts it.
                var agent = Vector256.WidenLower(Vector128.Create(agents[i..]).ToVector256Unsafe()).AsUInt64();
                var h = Mix(Mix(key ^ agent) ^ time);
                var bits = Mix(h) >>> 11; // draw 0: h ^ 0 is h
                ((Vector256.ConvertToDouble(bits) + half) * scale).CopyTo(uniforms[i..]);
            }
        }
        for (; i < agents.Length; i++) uniforms[i] = Uniform(streamKey, agents[i], tick);
    }

    /// <summary>A uniform draw in the open interval (0, 1): safe to feed to an inverse CDF.</summary>
    public double Uniform(RandomStream stream, long agent, int tick, int draw = 0)
        => ((Bits(stream, agent, tick, draw) >> 11) + 0.5) * UnitScale;

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary><see cref="Mix(ulong)"/> in every lane.</summary>
    private static Vector256<ulong> Mix(Vector256<ulong> z)
    {
        z += Vector256.Create(0x9E3779B97F4A7C15UL);
        z = (z ^ (z >>> 30)) * Vector256.Create(0xBF58476D1CE4E5B9UL);
        z = (z ^ (z >>> 27)) * Vector256.Create(0x94D049BB133111EBUL);
        return z ^ (z >>> 31);
    }
}

/// <summary>Named, independent random streams. Never reorder: the numbers are part of the results' identity.</summary>
public enum RandomStream : ulong
{
    /// <summary>Each user's location.</summary>
    Location = 1,

    /// <summary>Each user's device (single-path or MPTCP).</summary>
    Device = 2,

    /// <summary>Each user's price sensitivity.</summary>
    PriceSensitivity = 3,

    /// <summary>Each user's valuation of throughput.</summary>
    ThroughputValuation = 4,

    /// <summary>The portfolio each user starts with.</summary>
    InitialPortfolio = 5,

    /// <summary>Whether a user reviews the contract in a month.</summary>
    Review = 6,

    /// <summary>The logit choice of a reviewing user.</summary>
    Choice = 7,

    /// <summary>Each user's sensitivity to battery drain.</summary>
    BatterySensitivity = 8,

    /// <summary>Price setters' own draws (Q-learning exploration).</summary>
    Pricing = 9,

    /// <summary>Sweep and sensitivity designs (sample points, resampling).</summary>
    Design = 10,

    /// <summary>Each user's monthly data usage.</summary>
    Usage = 11,

    /// <summary>Network outages: whether and when an access network fails in a month (keyed by network, location and month).</summary>
    Outage = 12,
}
