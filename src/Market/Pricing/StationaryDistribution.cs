using System.Runtime.Intrinsics;

namespace MarketSim.Market.Pricing;

/// <summary>
/// Stationary distribution of a small row-stochastic matrix by the Grassmann-Taksar-Heyman elimination, which uses no
/// subtraction and so stays accurate when some transitions are tiny (a strong inertia bonus makes leaving a portfolio
/// rare). Hand-written because it runs once per user and candidate fee vector on a K x K matrix (K ~ 3-15): a MathNet
/// dense solve would allocate per call and is less accurate for nearly decomposable chains.
/// <para>The vector overload solves four chains at once, one per lane (the oracle's candidates of one user), with the
/// scalar routine's operations in the same order, so each lane's result is bit for bit the scalar one.</para>
/// </summary>
public static class StationaryDistribution
{
    /// <summary>Overwrites <paramref name="transitions"/> (row-major K x K, rows summing to 1) and writes the stationary
    /// probabilities into <paramref name="stationary"/> (length K).</summary>
    public static void Solve(Span<double> transitions, int k, Span<double> stationary)
    {
        if (transitions.Length < k * k || stationary.Length < k) throw new ArgumentException("spans too short for K");
        for (var n = k - 1; n > 0; n--)
        {
            double leave = 0;
            for (var j = 0; j < n; j++) leave += transitions[n * k + j];
            // A state that cannot reach a lower one (underflowed probabilities) keeps a tiny exit so the chain stays irreducible.
            leave = Math.Max(leave, 1e-300);
            for (var i = 0; i < n; i++) transitions[i * k + n] /= leave;
            for (var i = 0; i < n; i++)
            {
                var via = transitions[i * k + n];
                if (via == 0) continue;
                for (var j = 0; j < n; j++) transitions[i * k + j] += via * transitions[n * k + j];
            }
        }
        stationary[0] = 1;
        double total = 1;
        for (var j = 1; j < k; j++)
        {
            double x = 0;
            for (var i = 0; i < j; i++) x += stationary[i] * transitions[i * k + j];
            stationary[j] = x;
            total += x;
        }
        for (var j = 0; j < k; j++) stationary[j] /= total;
    }

    /// <summary>Four chains at once, one per lane: <paramref name="transitions"/> (row-major K x K of lanes) is
    /// overwritten and <paramref name="stationary"/> (K lanes) receives each lane's stationary probabilities, equal to
    /// <see cref="Solve(Span{double}, int, Span{double})"/> of that lane's matrix to the last bit.</summary>
    public static void Solve(Span<Vector256<double>> transitions, int k, Span<Vector256<double>> stationary)
    {
        if (transitions.Length < k * k || stationary.Length < k) throw new ArgumentException("spans too short for K");
        var tiny = Vector256.Create(1e-300);
        for (var n = k - 1; n > 0; n--)
        {
            var leave = Vector256<double>.Zero;
            for (var j = 0; j < n; j++) leave += transitions[n * k + j];
            leave = Vector256.Max(leave, tiny);
            for (var i = 0; i < n; i++) transitions[i * k + n] /= leave;
            for (var i = 0; i < n; i++)
            {
                // No skip of a zero "via" as in the scalar routine: adding 0 × x leaves a finite sum unchanged.
                var via = transitions[i * k + n];
                for (var j = 0; j < n; j++) transitions[i * k + j] += via * transitions[n * k + j];
            }
        }
        stationary[0] = Vector256<double>.One;
        var total = Vector256<double>.One;
        for (var j = 1; j < k; j++)
        {
            var x = Vector256<double>.Zero;
            for (var i = 0; i < j; i++) x += stationary[i] * transitions[i * k + j];
            stationary[j] = x;
            total += x;
        }
        for (var j = 0; j < k; j++) stationary[j] /= total;
    }
}
