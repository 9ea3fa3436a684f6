namespace MarketSim.Transport.Solver;

/// <summary>Outcome of a <see cref="FlowSolver"/> solve.</summary>
/// <param name="Converged">True when the largest link residual is within the tolerance.</param>
/// <param name="Iterations">Newton iterations taken (0 when the warm start was already an equilibrium); the
/// relaxation fallback's sweeps are not iterations and are counted in <paramref name="RelaxationSweeps"/>.</param>
/// <param name="Evaluations">Passes over all groups (rates and loads at given prices), the unit of cost.</param>
/// <param name="Residual">Largest link residual at the returned rates (see <see cref="SolverOptions.Tolerance"/>).</param>
/// <param name="WarmStarted">True when the solve started from the previous solution's prices.</param>
/// <param name="RelaxationSweeps">Sweeps of the link-by-link relaxation fallback (0 when Newton converged or the
/// network is too large for the fallback).</param>
public readonly record struct SolveResult(
    bool Converged, int Iterations, int Evaluations, double Residual, bool WarmStarted, int RelaxationSweeps = 0);
