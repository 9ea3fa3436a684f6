using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MarketSim.Market.Choice;

/// <summary>
/// The users' choice step for a chunk of users at once: utilities of each user's options in, each user's log-sum and
/// (for users who review) chosen option out. Multinomial logit as in <see cref="LogitChoice"/>, with the exps computed
/// once, vectorized over the whole chunk (TensorPrimitives.Exp), and shared by the log-sum and the draw; the log-sums' logs
/// are taken for the whole chunk at once too (TensorPrimitives.Log). A nested logit plugs in with the same shape.
/// <para>
/// Layout (structure of arrays, option-major): user j's utility of its k-th option is <c>utilities[k × users + j]</c>,
/// where users (the length of the counts in <see cref="Decide"/>) is a multiple of <see cref="Lane"/>.
/// Everything except the draw's inversion then runs across users, a vector of users per instruction: the largest
/// utility, the exps' arguments, the floor, the sums and the log-sums. Each lane does exactly the arithmetic the one-user
/// functions do, in the same order (options beyond a user's count hold −infinity and add an exact 0), so a user's bits
/// do not depend on its neighbours, the chunk or the block size.
/// </para>
/// </summary>
public static class LogitKernel
{
    /// <summary>Users are taken in multiples of this (the widest vector of doubles, AVX-512): the exps and logs are then
    /// computed on whole vectors only.</summary>
    public const int Lane = 8;

    /// <summary>Exps are taken of arguments no lower than this, weights below it are set to 0 (exp(−700) is 1e−304 next
    /// to the largest option's 1). TensorPrimitives.Exp computes a whole vector by a scalar fallback when one lane is out
    /// of its range (below about −709, −infinity included), which is slower and can give other last bits than the vector
    /// path: with every argument in range, a user's exps do not depend on the users sharing its vector, so results are the
    /// same at any block size.</summary>
    public const double Floor = -700;

    /// <summary>Scratch length <see cref="Decide"/> needs for <paramref name="users"/> users of <paramref name="width"/>
    /// options: a weight per entry and a sum per user.</summary>
    public static int ScratchLength(int users, int width) => users * (width + 1);

    /// <summary>
    /// For each user j: <paramref name="logSum"/>[j] = ln(sum_k exp(alpha_j U_jk)) / alpha_j (the consumer surplus in
    /// money, computed stably around the largest utility) and, when <paramref name="uniform"/>[j] is a number in (0, 1),
    /// <paramref name="chosen"/>[j] = the option whose cumulative logit probability first exceeds it among its first
    /// <paramref name="counts"/>[j] options (−1 when NaN: the user does not review). Utilities are laid out option-major
    /// (see the class), users padded to a multiple of <see cref="Lane"/> with finite utilities (a padding user's numbers
    /// are computed and ignored); an option a user cannot choose (beyond its count, or withdrawn) holds −infinity.
    /// </summary>
    public static void Decide(ReadOnlySpan<double> utilities, int width, ReadOnlySpan<int> counts, ReadOnlySpan<double> alpha,
        ReadOnlySpan<double> uniform, Span<int> chosen, Span<double> logSum, Span<double> scratch)
    {
        var users = counts.Length;
        if (users % Lane != 0) throw new ArgumentException($"Users come in multiples of {Lane} (pad the chunk), got {users}.", nameof(counts));
        if (utilities.Length < users * width || alpha.Length < users || uniform.Length < users || chosen.Length < users
            || logSum.Length < users || scratch.Length < ScratchLength(users, width))
            throw new ArgumentException("Every span needs an entry per user (utilities and scratch: see ScratchLength).");
        var weights = scratch[..(users * width)];
        var sums = scratch.Slice(users * width, users);
        Arguments(utilities, width, users, alpha, logSum, weights);
        TensorPrimitives.Exp(weights, weights);
        Weigh(utilities, width, users, alpha, logSum, weights, sums);
        for (var j = 0; j < users; j++)
        {
            chosen[j] = double.IsNaN(uniform[j]) ? -1 : Pick(weights, users, j, counts[j], sums[j], uniform[j]);
        }
        TensorPrimitives.Log(sums, sums);
        AddLogs(users, alpha, sums, logSum);
    }

    /// <summary>Per user, the largest utility (kept in <paramref name="largest"/>) and the exps' arguments
    /// max(alpha (U − largest), Floor) of every option.</summary>
    private static void Arguments(ReadOnlySpan<double> utilities, int width, int users, ReadOnlySpan<double> alpha,
        Span<double> largest, Span<double> arguments)
    {
        ref var u = ref MemoryMarshal.GetReference(utilities);
        ref var w = ref MemoryMarshal.GetReference(arguments);
        var floor = Vector256.Create(Floor);
        for (var j = 0; j < users; j += Vector256<double>.Count)
        {
            var max = Vector256.Create(double.NegativeInfinity);
            for (var k = 0; k < width; k++) max = Vector256.MaxNative(max, Vector256.LoadUnsafe(ref u, (nuint)((k * users) + j)));
            max.CopyTo(largest[j..]);
            var a = Vector256.Create(alpha[j..]);
            for (var k = 0; k < width; k++)
            {
                var offset = (nuint)((k * users) + j);
                Vector256.MaxNative(a * (Vector256.LoadUnsafe(ref u, offset) - max), floor).StoreUnsafe(ref w, offset);
            }
        }
    }

    /// <summary>Zeroes the weights of options at or beyond the floor (a withdrawn plan's −infinity included), as exp
    /// would give them, and sums each user's weights in option order.</summary>
    private static void Weigh(ReadOnlySpan<double> utilities, int width, int users, ReadOnlySpan<double> alpha,
        ReadOnlySpan<double> largest, Span<double> weights, Span<double> sums)
    {
        ref var u = ref MemoryMarshal.GetReference(utilities);
        ref var w = ref MemoryMarshal.GetReference(weights);
        var floor = Vector256.Create(Floor);
        for (var j = 0; j < users; j += Vector256<double>.Count)
        {
            var max = Vector256.Create(largest[j..]);
            var a = Vector256.Create(alpha[j..]);
            var sum = Vector256<double>.Zero;
            for (var k = 0; k < width; k++)
            {
                var offset = (nuint)((k * users) + j);
                var beyond = Vector256.LessThanOrEqual(a * (Vector256.LoadUnsafe(ref u, offset) - max), floor);
                var weight = Vector256.ConditionalSelect(beyond, Vector256<double>.Zero, Vector256.LoadUnsafe(ref w, offset));
                weight.StoreUnsafe(ref w, offset);
                sum += weight;
            }
            sum.CopyTo(sums[j..]);
        }
    }

    /// <summary>Log-sum = largest utility + ln(sum) / alpha, per user (<paramref name="logSum"/> holds the largest utility
    /// on entry, <paramref name="logs"/> the logs of the sums).</summary>
    private static void AddLogs(int users, ReadOnlySpan<double> alpha, ReadOnlySpan<double> logs, Span<double> logSum)
    {
        for (var j = 0; j < users; j += Vector256<double>.Count)
        {
            (Vector256.Create(logSum[j..]) + (Vector256.Create(logs[j..]) / Vector256.Create(alpha[j..]))).CopyTo(logSum[j..]);
        }
    }

    /// <summary>Inverts user <paramref name="j"/>'s cumulative distribution of the weights (probabilities weight / sum) at a
    /// uniform draw.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Pick(ReadOnlySpan<double> weights, int users, int j, int count, double sum, double uniform)
    {
        double cumulative = 0;
        for (var k = 0; k < count - 1; k++)
        {
            cumulative += weights[(k * users) + j] / sum;
            if (uniform < cumulative) return k;
        }
        return count - 1;
    }
}
