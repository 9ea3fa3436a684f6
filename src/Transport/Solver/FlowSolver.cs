
namespace MarketSim.Transport.Solver;

/// <summary>
/// Solves the flow-level equilibrium of a <see cref="FlowNetwork"/>: the link prices (loss probabilities)
/// and per-user subflow rates at which every controller is at its fluid-model fixed point and every link
/// satisfies its model (capacity links: load &lt;= capacity with a positive price only when full; loss links:
/// price = M/M/1/K blocking probability at the offered load). Rates are in packets/s per user.
/// <para>
/// Algorithm: a semismooth (active-set) Newton method on the link prices with the full sparse link Jacobian
/// (assembled from every group's analytic response Jacobian, solved by ILU(0)-preconditioned GMRES), in
/// ln(price) so Reno-like demand is linear; globalised per connected component of links by a non-monotone
/// Armijo backtracking with a Levenberg fallback (see <c>PriceNewton</c>). Warm starts: the solver keeps the
/// last equilibrium's prices and starts the next solve from them (the market solves the same topology every
/// tick with changed group counts); a warm solve of the synthetic 1M-user network takes 3 iterations.
/// Cold starts use one Reno-like estimate per link, then Newton; if that fails, continuation on the number
/// of users (from an idle network up to the real counts, each stage a warm start). A warm start that fails
/// moves the counts from the previous solve's in steps. Small networks get a last link-by-link relaxation
/// fallback. For coupled, OLIA and BALIA the split at ties is smoothed (<see cref="SolverOptions.TieSharpness"/>);
/// sharpness above 100 is reached on cold starts by a homotopy 100, 1000, ...
/// </para>
/// <para>
/// Convergence: the largest link residual (a relative load error) below <see cref="SolverOptions.Tolerance"/>
/// within <see cref="SolverOptions.MaxIterations"/> Newton iterations (damped retries and continuation stages
/// count; the relaxation fallback has its own sweep cap and reports its sweeps apart). Otherwise <see cref="Solve"/> throws <see cref="TransportDidNotConvergeException"/> and
/// <see cref="TrySolve"/> returns false; the warm start is then left at the previous equilibrium.
/// Known weak spot: a network cut into many tiny components, each a lone multipath user whose split sits on
/// the steep part of its tie smoothing, needs many iterations (each component walks its own cliff).
/// </para>
/// <para>Not thread-safe: one solver per caller. Internally a solve uses up to
/// <see cref="SolverOptions.MaxDegreeOfParallelism"/> threads with bit-identical results for any count.</para>
/// </summary>
public sealed class FlowSolver
{
    private const double FirstSharpness = 100;
    private const double SharpnessGrowth = 10;
    private const double IntermediateTolerance = 1e-4;

    private readonly NetworkEvaluator eval;
    private readonly PriceNewton newton;
    private readonly PriceRelaxation relaxation;
    /// <summary>Gauss-Seidel sweeps the fallback may take before the solve is declared failed.</summary>
    private const int RelaxationSweeps = 2000;

    /// <summary>Largest links x groups for which the relaxation fallback is tried.</summary>
    private const long RelaxationSizeLimit = 20_000;
    private readonly double[] counts;
    private readonly double[] activeCounts;
    private readonly double[] previousCounts;
    private readonly double[] targetCounts;
    private readonly double[] idleCounts;
    private readonly PriceState live;
    private readonly PriceState saved;
    private readonly PriceState stage;
    private bool hasSolution;

    /// <summary>Prepares a solver (builds the link Jacobian pattern; allocates all working memory).</summary>
    /// <param name="network">The topology.</param>
    /// <param name="options">Numerical settings, <see cref="SolverOptions.Default"/> when null.</param>
    public FlowSolver(FlowNetwork network, SolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        Options = options ?? SolverOptions.Default;
        Options.Validate();
        Network = network;
        var pattern = LinkJacobianPattern.Build(network);
        eval = new NetworkEvaluator(network, pattern, Options.MaxDegreeOfParallelism);
        newton = new PriceNewton(network, pattern, eval);
        this.relaxation = new PriceRelaxation(network, eval);
        this.counts = new double[network.GroupCount];
        activeCounts = new double[network.GroupCount];
        previousCounts = new double[network.GroupCount];
        targetCounts = new double[network.GroupCount];
        idleCounts = new double[network.GroupCount];
        live = new PriceState(newton.Prices, eval.CapPrices);
        saved = PriceState.Allocate(network);
        this.stage = PriceState.Allocate(network);
    }

    /// <summary>The topology being solved.</summary>
    public FlowNetwork Network { get; }

    /// <summary>The numerical settings.</summary>
    public SolverOptions Options { get; }

    /// <summary>
    /// Price of every link after the last solve: the link's contribution to the loss probability of the paths
    /// crossing it (a shadow price for capacity links, the blocking probability for loss links).
    /// </summary>
    public ReadOnlySpan<double> LinkPrices => newton.Prices;

    /// <summary>Offered load of every link after the last solve, in packets/s (sum of count x rate).</summary>
    public ReadOnlySpan<double> LinkLoads => eval.Loads;

    /// <summary>Loss probability p_r of every path after the last solve (fixed loss plus link prices).</summary>
    public ReadOnlySpan<double> PathLosses => eval.PathLosses;

    /// <summary>True when the next solve will start from the previous equilibrium.</summary>
    public bool HasWarmStart => hasSolution;

    /// <summary>Forgets the previous equilibrium; the next solve starts cold (all prices zero).</summary>
    public void ResetWarmStart()
    {
        hasSolution = false;
        live.Clear();
    }

    /// <summary>Solves the equilibrium; throws when it does not converge.</summary>
    /// <param name="groupCounts">Users per group (finite, &gt;= 0, may be fractional), indexed by <see cref="GroupId.Value"/>.</param>
    /// <param name="perUserPathRates">
    /// Written: the rate in packets/s of ONE user of the owning group on every path (global path order, see
    /// <see cref="FlowNetwork"/>). A group with a near-zero count gets the rate a marginal new user would get.
    /// </param>
    /// <returns>Iterations, evaluations and final residual.</returns>
    /// <exception cref="TransportDidNotConvergeException">No equilibrium within <see cref="SolverOptions.MaxIterations"/>.</exception>
    public SolveResult Solve(ReadOnlySpan<double> groupCounts, Span<double> perUserPathRates)
    {
        var result = SolveCore(groupCounts, perUserPathRates);
        return result.Converged ? result : throw new TransportDidNotConvergeException(result, Options.Tolerance);
    }

    /// <summary>Solves the equilibrium; returns false instead of throwing when it does not converge.</summary>
    /// <param name="groupCounts">Users per group (finite, &gt;= 0).</param>
    /// <param name="perUserPathRates">Written: per-user rate (packets/s) of every path; on failure the last iterate's.</param>
    /// <param name="result">Iterations, evaluations and final residual.</param>
    /// <returns>True when converged. On failure the warm start is left at the previous equilibrium.</returns>
    public bool TrySolve(ReadOnlySpan<double> groupCounts, Span<double> perUserPathRates, out SolveResult result)
    {
        result = SolveCore(groupCounts, perUserPathRates);
        return result.Converged;
    }

    /// <summary>
    /// Expected per-user throughput over a tick when users are active only part of the time, by the
    /// mean-field (expectation) approximation: the network is solved with count x activity simultaneously
    /// active users per group (the mean number active, exact in the large-population limit by the law of
    /// large numbers), an active user gets the equilibrium rate, and a user's mean rate over the tick is
    /// activity x that rate. A group with tiny activity still reports the rate it gets while active.
    /// </summary>
    /// <param name="groupCounts">Users per group (&gt;= 0).</param>
    /// <param name="activity">Fraction of the tick each group's users are active, in [0, 1].</param>
    /// <param name="perActiveUserRates">Written: rate (packets/s) of one active user on every path.</param>
    /// <param name="perUserMeanRates">Written: mean rate (packets/s) of one user over the tick on every path.</param>
    /// <param name="marginalActiveUsers">
    /// Active users added to every group on top of count x activity (&gt;= 0), so that a group nobody is in yet
    /// still reports the rate a newcomer would get.
    /// </param>
    /// <returns>The solve's outcome.</returns>
    /// <exception cref="TransportDidNotConvergeException">No equilibrium within the iteration cap.</exception>
    public SolveResult SolveExpected(
        ReadOnlySpan<double> groupCounts, ReadOnlySpan<double> activity,
        Span<double> perActiveUserRates, Span<double> perUserMeanRates, double marginalActiveUsers = 0)
    {
        var net = Network;
        ValidateCounts(groupCounts);
        if (activity.Length != net.GroupCount)
        {
            throw new ArgumentException(
                $"activity has {activity.Length} entries but the network has {net.GroupCount} groups.", nameof(activity));
        }

        RequirePathSpan(perUserMeanRates.Length, nameof(perUserMeanRates));
        if (!(marginalActiveUsers >= 0 && double.IsFinite(marginalActiveUsers)))
        {
            throw new ArgumentOutOfRangeException(nameof(marginalActiveUsers), marginalActiveUsers, "must be finite and >= 0.");
        }

        var active = activeCounts;
        for (var g = 0; g < net.GroupCount; g++)
        {
            var a = activity[g];
            if (!(a >= 0 && a <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(activity), a, $"activity of group {g} must be in [0, 1].");
            }

            active[g] = groupCounts[g] * a + marginalActiveUsers;
        }

        var result = Solve(active, perActiveUserRates);
        for (var g = 0; g < net.GroupCount; g++)
        {
            for (var r = net.GroupPathStart[g]; r < net.GroupPathStart[g + 1]; r++)
            {
                perUserMeanRates[r] = activity[g] * perActiveUserRates[r];
            }
        }

        return result;
    }

    private SolveResult SolveCore(ReadOnlySpan<double> groupCounts, Span<double> perUserPathRates)
    {
        ValidateCounts(groupCounts);
        RequirePathSpan(perUserPathRates.Length, nameof(perUserPathRates));
        groupCounts.CopyTo(this.counts);

        var warm = hasSolution;
        live.CopyTo(saved);
        var evaluationsBefore = eval.Evaluations;
        var budget = Options.MaxIterations;
        var iterations = 0;
        var finalSharpness = Network.HasTieSensitiveGroups ? Options.TieSharpness : 1.0;
        var firstSharpness = Math.Min(FirstSharpness, finalSharpness);

        bool converged;
        if (warm)
        {
            converged = newton.Run(this.counts, finalSharpness, Options.Tolerance, ref budget, ref iterations)
                        || ContinueFromPreviousCounts(finalSharpness, ref budget, ref iterations);
        }
        else
        {
            newton.InitializeCold(this.counts, firstSharpness);
            converged = firstSharpness >= finalSharpness
                ? newton.Run(this.counts, firstSharpness, Options.Tolerance, ref budget, ref iterations)
                : newton.Run(this.counts, firstSharpness, LooseTolerance, ref budget, ref iterations);
            converged = converged || ContinueFromIdleNetwork(firstSharpness, ref budget, ref iterations);
            for (var q = firstSharpness * SharpnessGrowth; converged && q < finalSharpness; q *= SharpnessGrowth)
            {
                converged = newton.Run(this.counts, q, LooseTolerance, ref budget, ref iterations);
            }

            converged = converged && newton.Run(this.counts, finalSharpness, Options.Tolerance, ref budget, ref iterations);
        }

        var residual = newton.Residual;
        var sweeps = 0;
        if (!converged && IsSmallEnoughToRelax())
        {
            // The safe fallback (see PriceRelaxation): from the last equilibrium's prices, relax link by link.
            // Each sweep costs a bisection per link, so it is reserved for small networks; it has its own cap
            // (RelaxationSweeps) because Newton may have spent the whole iteration budget before failing.
            saved.CopyLinkPricesTo(live);
            converged = this.relaxation.Run(this.counts, newton.Prices, finalSharpness, Options.Tolerance, RelaxationSweeps, out residual, out sweeps);
        }

        eval.Rates.AsSpan().CopyTo(perUserPathRates);
        var result = new SolveResult(converged, iterations, eval.Evaluations - evaluationsBefore, residual, warm, sweeps);
        if (converged)
        {
            hasSolution = true;
            Array.Copy(this.counts, previousCounts, this.counts.Length);
        }
        else
        {
            saved.CopyTo(live);
        }

        return result;
    }

    /// <summary>
    /// Fallback for a cold start that fails: continuation on the number of users. All counts are scaled by a
    /// factor small enough that no link is more than half loaded at zero prices (a trivial equilibrium), then
    /// the factor grows tenfold per stage to 1 (<see cref="ContinuationSchedule.Geometric"/>).
    /// </summary>
    private bool ContinueFromIdleNetwork(double sharpness, ref int budget, ref int iterations)
    {
        live.Clear();
        eval.Evaluate(this.counts, newton.Prices, sharpness, withJacobian: false);
        var scale = 1.0;
        for (var l = 0; l < Network.LinkCount; l++)
        {
            if (eval.Loads[l] > 0)
            {
                scale = Math.Min(scale, 0.5 * Network.LinkCapacity[l] / eval.Loads[l]);
            }
        }

        return Continue(idleCounts, ContinuationSchedule.Geometric(scale), sharpness, ref budget, ref iterations);
    }

    /// <summary>
    /// When a warm start fails (a large change of counts), moves the counts from the previous solve's to the
    /// new ones in steps (<see cref="ContinuationSchedule.Linear"/>), from the previous equilibrium's prices.
    /// </summary>
    private bool ContinueFromPreviousCounts(double sharpness, ref int budget, ref int iterations)
    {
        saved.CopyLinkPricesTo(live);
        return Continue(previousCounts, ContinuationSchedule.Linear(), sharpness, ref budget, ref iterations);
    }

    /// <summary>
    /// Continuation on the counts: stage by stage from <paramref name="from"/> to the counts being solved, each
    /// Newton run starting from the last stage's equilibrium (a warm start); a stage that fails goes back to
    /// that equilibrium and the schedule aims closer. On return the counts are the target again.
    /// </summary>
    private bool Continue(double[] from, ContinuationSchedule schedule, double sharpness, ref int budget, ref int iterations)
    {
        var target = targetCounts;
        Array.Copy(this.counts, target, this.counts.Length);
        var converged = false;
        while (budget > 0 && schedule.CanContinue)
        {
            var next = schedule.Next;
            for (var g = 0; g < this.counts.Length; g++)
            {
                this.counts[g] = from[g] + next * (target[g] - from[g]);
            }

            live.CopyTo(this.stage);
            if (newton.Run(this.counts, sharpness, StageTolerance(next), ref budget, ref iterations))
            {
                if (schedule.Reached())
                {
                    converged = true;
                    break;
                }
            }
            else
            {
                this.stage.CopyTo(live);
                schedule.Failed();
            }
        }

        Array.Copy(target, this.counts, this.counts.Length);
        return converged;
    }

    /// <summary>Intermediate stages (of sharpness or counts) need not be solved tighter than <see cref="IntermediateTolerance"/>.</summary>
    private double LooseTolerance => Math.Max(Options.Tolerance, IntermediateTolerance);

    /// <summary>A continuation stage short of the target (fraction below 1) is intermediate.</summary>
    private double StageTolerance(double fraction) => fraction < 1 ? LooseTolerance : Options.Tolerance;

    /// <summary>Relaxation evaluates the whole network 60 times per link per sweep: small networks only.</summary>
    private bool IsSmallEnoughToRelax() => (long)Network.LinkCount * Network.GroupCount <= RelaxationSizeLimit;

    private void ValidateCounts(ReadOnlySpan<double> groupCounts)
    {
        if (groupCounts.Length != Network.GroupCount)
        {
            throw new ArgumentException(
                $"groupCounts has {groupCounts.Length} entries but the network has {Network.GroupCount} groups.",
                nameof(groupCounts));
        }

        for (var g = 0; g < groupCounts.Length; g++)
        {
            if (!(groupCounts[g] >= 0 && double.IsFinite(groupCounts[g])))
            {
                throw new ArgumentOutOfRangeException(nameof(groupCounts), groupCounts[g],
                    $"count of group {g} must be finite and >= 0.");
            }
        }
    }

    private void RequirePathSpan(int length, string name)
    {
        if (length != Network.PathCount)
        {
            throw new ArgumentException($"{name} has {length} entries but the network has {Network.PathCount} paths.", name);
        }
    }
}
