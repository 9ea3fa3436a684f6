using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MarketSim.Market.Choice;

/// <summary>
/// The users' choice step for a chunk of users at once: utilities of each user's options in, each user's log-sum and
/// (for users who review) chosen option out. Multinomial logit as in <see cref="LogitChoice"/>, with the exps computed
/// once, a vector of users at a time, and shared by the log-sum and the draw. A nested logit plugs in with the same shape.
/// <para>
/// Layout (structure of arrays, option-major): user j's utility of its k-th option is <c>utilities[k × users + j]</c>,
/// where users (the length of the counts in <see cref="Decide"/>) is a multiple of <see cref="Lane"/>. Everything
/// except the draw's inversion then runs across users, a vector of <see cref="Lane"/> users per instruction: the largest
/// utility, the exps' arguments, the floor, the sums and the log-sums. Each lane does the arithmetic a chunk of that user
/// alone does, in the same order (options beyond a user's count hold −infinity and add an exact 0), so a user's bits do
/// not depend on its neighbours, the chunk or the block size. (The one-user functions of <see cref="LogitChoice"/> use
/// Math.Exp without the floor: the same numbers to about 1e−15, not the same bits.)
/// </para>
/// <para>
/// A vector computes the options up to the most any of its users has (<see cref="OptionsOfUser"/>); a user's entries
/// between its own count and that hold −infinity, rows beyond it are not read. Neighbours with as many options (users
/// ordered by device, see <see cref="Population.UserPartition"/>) spare the kernel the options none of them has.
/// </para>
/// <para>
/// Why 256-bit vectors (Vector256.Exp / Log, which give TensorPrimitives' bits per lane): see
/// <see cref="Numerics.SteadyExp"/>.
/// </para>
/// </summary>
public static class LogitKernel
{
    /// <summary>Users per vector (a 256-bit vector of doubles); chunks come in multiples of it.</summary>
    public const int Lane = 4;

    /// <summary>Exps are taken of arguments no lower than this, weights below it are set to 0 (exp(−700) is 1e−304 next
    /// to the largest option's 1). The vector exp computes a whole vector by a scalar fallback when one lane is out of
    /// its range (below about −709, −infinity included), which is slower and can give other last bits than the vector
    /// path: with every argument in range, a user's exps do not depend on the users sharing its vector, so results are
    /// the same at any block size.</summary>
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
    /// are computed and ignored); an option a user cannot choose holds −infinity: a withdrawn one, and those beyond its
    /// count up to <see cref="OptionsOfUser"/>. A user with no option at all (every utility −infinity) gets log-sum
    /// −infinity and chooses its last option.
    /// </summary>
    public static void Decide(ReadOnlySpan<double> utilities, int width, ReadOnlySpan<int> counts, ReadOnlySpan<double> alpha,
        ReadOnlySpan<double> uniform, Span<int> chosen, Span<double> logSum, Span<double> scratch)
    {
        var users = counts.Length;
        if (users % Lane != 0) throw new ArgumentException($"Users come in multiples of {Lane} (pad the chunk), got {users}.", nameof(counts));
        if (utilities.Length < users * width || alpha.Length < users || uniform.Length < users || chosen.Length < users
            || logSum.Length < users || scratch.Length < ScratchLength(users, width))
            throw new ArgumentException("Every span needs an entry per user (utilities and scratch: see ScratchLength).");
        foreach (var count in counts) if (count < 1 || count > width) throw new ArgumentException($"Option counts lie in 1..{width}, got {count}.", nameof(counts));
        var weights = scratch[..(users * width)];
        var sums = scratch.Slice(users * width, users);
        Weigh(utilities, counts, users, alpha, logSum, weights, sums);
        for (var j = 0; j < users; j++)
        {
            chosen[j] = double.IsNaN(uniform[j]) ? -1 : Pick(weights, users, j, counts[j], sums[j], uniform[j]);
        }
    }

    /// <summary>The options the kernel computes for user <paramref name="j"/>: the most any user of its vector (users
    /// [j − j mod Lane, + Lane)) has. Rows of the user from its own count up to this must hold −infinity.</summary>
    public static int OptionsOfUser(ReadOnlySpan<int> counts, int j)
    {
        var vector = counts.Slice(j & -Lane, Lane);
        return Math.Max(Math.Max(vector[0], vector[1]), Math.Max(vector[2], vector[3]));
    }

    /// <summary>
    /// Three passes over the chunk (see the comment inside), a vector of users at a time: the largest utility, each
    /// option's weight exp(alpha (U − largest)) where that is above the floor and 0 at or below it (a withdrawn plan's −infinity included,
    /// as exp would give it), the weights' sum in option order and the log-sum, largest + ln(sum) / alpha. A lane whose
    /// argument is not a number (a user with no option: −infinity − −infinity) weighs 0 too and never puts a NaN into the
    /// exp, whose scalar fallback would recompute its neighbours.
    /// </summary>
    private static void Weigh(ReadOnlySpan<double> utilities, ReadOnlySpan<int> counts, int users, ReadOnlySpan<double> alpha,
        Span<double> logSum, Span<double> weights, Span<double> sums)
    {
        ref var u = ref MemoryMarshal.GetReference(utilities);
        ref var w = ref MemoryMarshal.GetReference(weights);
        ref var a = ref MemoryMarshal.GetReference(alpha);
        ref var top = ref MemoryMarshal.GetReference(logSum); // each user's largest utility until the last pass
        // Three passes over the chunk instead of one: the vector exp is a call, and around a call every vector register
        // is saved and restored (the platform's calling convention), so the exps run in a pass of their own where no
        // vector is live across the call. Each lane's operations are the same, in the same order.
        for (var j = 0; j < users; j += Lane)
        {
            var options = OptionsOfUser(counts, j);
            var max = Vector256.Create(double.NegativeInfinity);
            for (var k = 0; k < options; k++) max = Vector256.MaxNative(max, Vector256.LoadUnsafe(ref u, (nuint)((k * users) + j)));
            max.StoreUnsafe(ref top, (nuint)j);
            var scale = Vector256.LoadUnsafe(ref a, (nuint)j);
            for (var k = 0; k < options; k++)
            {
                var offset = (nuint)((k * users) + j);
                (scale * (Vector256.LoadUnsafe(ref u, offset) - max)).StoreUnsafe(ref w, offset);
            }
        }
        var floor = Vector256.Create(Floor);
        for (var j = 0; j < users; j += Lane)
        {
            var options = OptionsOfUser(counts, j);
            for (var k = 0; k < options; k++)
            {
                var offset = (nuint)((k * users) + j);
                var argument = Vector256.LoadUnsafe(ref w, offset);
                var exp = Vector256.Exp(Vector256.ConditionalSelect(Vector256.GreaterThan(argument, floor), argument, floor));
                // The mask again from the argument still in memory, rather than kept in a register across the call.
                argument = Vector256.LoadUnsafe(ref w, offset);
                Vector256.ConditionalSelect(Vector256.GreaterThan(argument, floor), exp, Vector256<double>.Zero).StoreUnsafe(ref w, offset);
            }
        }
        for (var j = 0; j < users; j += Lane)
        {
            var options = OptionsOfUser(counts, j);
            var sum = Vector256<double>.Zero;
            for (var k = 0; k < options; k++) sum += Vector256.LoadUnsafe(ref w, (nuint)((k * users) + j));
            sum.CopyTo(sums[j..]);
            (Vector256.LoadUnsafe(ref top, (nuint)j) + (Vector256.Log(sum) / Vector256.LoadUnsafe(ref a, (nuint)j))).StoreUnsafe(ref top, (nuint)j);
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
