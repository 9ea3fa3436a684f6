namespace MarketSim.Transport.Solver;

/// <summary>Thrown by <see cref="FlowSolver.Solve"/> when no equilibrium was found within the iteration cap.</summary>
public sealed class TransportDidNotConvergeException : Exception
{
    /// <summary>Creates the exception from the failed solve.</summary>
    /// <param name="result">The failed solve's outcome.</param>
    /// <param name="tolerance">The tolerance that was not reached.</param>
    public TransportDidNotConvergeException(SolveResult result, double tolerance)
        : base($"Transport equilibrium did not converge: largest link residual {result.Residual:E3} > tolerance " +
               $"{tolerance:E3} after {result.Iterations} Newton iterations and {result.RelaxationSweeps} relaxation sweeps " +
               $"({result.Evaluations} network evaluations).")
    {
        Residual = result.Residual;
        Iterations = result.Iterations;
        Evaluations = result.Evaluations;
        Tolerance = tolerance;
    }

    /// <summary>Largest link residual reached.</summary>
    public double Residual { get; }

    /// <summary>Newton iterations taken.</summary>
    public int Iterations { get; }

    /// <summary>Network evaluations taken.</summary>
    public int Evaluations { get; }

    /// <summary>Tolerance that was asked for.</summary>
    public double Tolerance { get; }
}
