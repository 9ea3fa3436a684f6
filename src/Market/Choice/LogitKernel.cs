using System.Numerics.Tensors;

namespace MarketSim.Market.Choice;

/// <summary>
/// The users' choice step for a chunk of users at once: utilities of each user's options in, each user's log-sum and
/// (for users who review) chosen option out. Multinomial logit as in <see cref="LogitChoice"/>, with the exps computed
/// once, vectorized over the whole chunk (TensorPrimitives.Exp), and shared by the log-sum and the draw; the log-sums' logs
/// are taken for the whole chunk at once too (TensorPrimitives.Log). A nested logit
/// plugs in with the same shape.
/// <para>
/// Layout: user j's utilities are <c>utilities[j × width .. j × width + counts[j])</c>; the rest of its row is ignored.
/// Every call computes its exps on a buffer padded to whole vectors, so a user's numbers do not depend on how many
/// users share its chunk (results stay the same at any block size).
/// </para>
/// </summary>
public static class LogitKernel
{
    /// <summary>Exps are computed over lengths that are a multiple of this (the widest vector of doubles, AVX-512).</summary>
    public const int Lane = 8;

    /// <summary>Exps are taken of arguments no lower than this, weights below it are set to 0 (exp(−700) is 1e−304 next
    /// to the largest option's 1). TensorPrimitives.Exp computes a whole vector by a scalar fallback when one lane is out
    /// of its range (below about −709, −infinity included), which is slower and can give other last bits than the vector
    /// path: with every argument in range, a user's exps do not depend on the users sharing its vector, so results are the
    /// same at any block size. Padding lanes hold 0 for the same reason.</summary>
    public const double Floor = -700;

    /// <summary>Scratch length <see cref="Decide"/> needs for <paramref name="users"/> users of <paramref name="width"/> options.</summary>
    public static int ScratchLength(int users, int width) => Math.Max(Lane, (users * width + Lane - 1) / Lane * Lane);

    /// <summary>
    /// For each user j: <paramref name="logSum"/>[j] = ln(sum_k exp(alpha_j U_jk)) / alpha_j (the consumer surplus in
    /// money, computed stably around the largest utility) and, when <paramref name="uniform"/>[j] is a number in (0, 1),
    /// <paramref name="chosen"/>[j] = the option whose cumulative logit probability first exceeds it (−1 when NaN: the user
    /// does not review). Utilities may be −infinity (an option that cannot be chosen).
    /// </summary>
    public static void Decide(ReadOnlySpan<double> utilities, int width, ReadOnlySpan<int> counts, ReadOnlySpan<double> alpha,
        ReadOnlySpan<double> uniform, Span<int> chosen, Span<double> logSum, Span<double> scratch)
    {
        var users = counts.Length;
        var length = ScratchLength(users, width);
        if (utilities.Length < users * width || alpha.Length < users || uniform.Length < users || chosen.Length < users
            || logSum.Length < users || scratch.Length < length)
            throw new ArgumentException("Every span needs an entry per user (utilities and scratch: see ScratchLength).");
        var weights = scratch[..length];
        for (var j = 0; j < users; j++)
        {
            var u = utilities.Slice(j * width, counts[j]);
            var max = double.NegativeInfinity;
            foreach (var x in u) max = Math.Max(max, x);
            logSum[j] = max; // kept here until the sum is known
            var w = weights.Slice(j * width, width);
            var a = alpha[j];
            for (var k = 0; k < u.Length; k++) w[k] = Math.Max(a * (u[k] - max), Floor);
            w[u.Length..].Clear();
        }
        weights[(users * width)..].Clear();
        TensorPrimitives.Exp(weights, weights);
        for (var j = 0; j < users; j++)
        {
            var w = weights.Slice(j * width, counts[j]);
            var u = utilities.Slice(j * width, counts[j]);
            var max = logSum[j];
            var a = alpha[j];
            // An option beyond the floor (a withdrawn plan's −infinity included) weighs nothing, as exp would give it.
            for (var k = 0; k < w.Length; k++) if (a * (u[k] - max) <= Floor) w[k] = 0;
            double sum = 0;
            foreach (var x in w) sum += x;
            chosen[j] = double.IsNaN(uniform[j]) ? -1 : Pick(w, sum, uniform[j]);
            // The sum waits in the front of the scratch for one vectorized log of the chunk: entry j lies in the rows of
            // users 0..j, whose weights are used up by now.
            weights[j] = sum;
        }
        // Padded with 1 (log 0) to whole vectors, like the exps: a user's log then never depends on how many users share
        // its chunk (a span shorter than a vector would be computed by another path).
        var sums = weights[..((users + Lane - 1) / Lane * Lane)];
        sums[users..].Fill(1);
        TensorPrimitives.Log(sums, sums);
        for (var j = 0; j < users; j++) logSum[j] += sums[j] / alpha[j];
    }

    /// <summary>Inverts the cumulative distribution of the weights (probabilities weight / sum) at a uniform draw.</summary>
    private static int Pick(ReadOnlySpan<double> weights, double sum, double uniform)
    {
        double cumulative = 0;
        for (var k = 0; k < weights.Length - 1; k++)
        {
            cumulative += weights[k] / sum;
            if (uniform < cumulative) return k;
        }
        return weights.Length - 1;
    }
}
