namespace MarketSim.Transport.Solver;

/// <summary>Numerical settings of <see cref="FlowSolver"/>.</summary>
public sealed record SolverOptions
{
    /// <summary>The defaults: tolerance 1e-6, at most 200 Newton iterations, tie sharpness 100, all cores.</summary>
    public static SolverOptions Default { get; } = new();

    /// <summary>
    /// Convergence tolerance on the largest link residual, a relative load error: a capacity link ends at most
    /// this fraction above its capacity, and a priced one at most this fraction below it (or with a price
    /// below this fraction of its paths' loss); a loss link's load matches the load at which its M/M/1/K loss
    /// equals its price to this fraction. Newton converges quadratically, so a tighter tolerance costs about
    /// one more iteration per squaring.
    /// </summary>
    public double Tolerance { get; init; } = 1e-6;

    /// <summary>Cap on Newton iterations per solve, over all homotopy stages.</summary>
    public int MaxIterations { get; init; } = 200;

    /// <summary>
    /// Tie-smoothing exponent q of coupled, OLIA and BALIA (see <see cref="Controller"/>). Their fluid
    /// equilibria put all traffic on the best path(s), which is set-valued at ties; the engine selects the
    /// smoothed (logit) response in which a path whose score (T_r for OLIA, sqrt(2/p_r) for coupled,
    /// 1/(p_r rtt_r^2) labelling for BALIA) is a factor s below the best gets weight s^q relative to it. Totals
    /// are not smoothed (OLIA's total is exactly max_r T_r). At the default q = 100 a path with a 10% lower
    /// score gets a share below 3e-5, 5% lower about 0.6%, and equal paths split evenly.
    /// <para>
    /// Larger q approaches the hard split (prices of tied paths then differ by about ln(split ratio)/q),
    /// but the aggregate demand of many tie-sensitive groups becomes a staircase whose steps Newton has to
    /// walk: warm solves of the synthetic 1M-user network take 3 iterations at q = 100 and 11-15 at
    /// q = 1000, and q = 1e4 often exceeds the iteration cap. Cold solves with q above 100 climb a homotopy
    /// q = 100, 1000, ... up to this value.
    /// </para>
    /// </summary>
    public double TieSharpness { get; init; } = 100;

    /// <summary>Worker threads used by a solve; the result is bit-identical for every value.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    internal void Validate()
    {
        if (!(Tolerance > 0 && Tolerance <= 0.1))
        {
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "Tolerance must be in (0, 0.1].");
        }

        if (MaxIterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxIterations), MaxIterations, "MaxIterations must be >= 1.");
        }

        if (!(TieSharpness >= 1 && double.IsFinite(TieSharpness)))
        {
            throw new ArgumentOutOfRangeException(nameof(TieSharpness), TieSharpness, "TieSharpness must be finite and >= 1.");
        }

        if (MaxDegreeOfParallelism < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism,
                "MaxDegreeOfParallelism must be >= 1.");
        }
    }
}
