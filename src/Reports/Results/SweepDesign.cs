namespace MarketSim.Reports.Results;

/// <summary>How the points of a sweep are chosen from its swept parameters.</summary>
public enum SweepDesign
{
    /// <summary>Every combination of the listed values.</summary>
    Grid,

    /// <summary>Independent uniform draws between each parameter's [low, high].</summary>
    Random,

    /// <summary>Latin hypercube: each parameter's range cut into as many strata as samples, one point per stratum.</summary>
    LatinHypercube,

    /// <summary>Sobol quasi-random points between each parameter's [low, high]; samples a power of two.</summary>
    Sobol,

    /// <summary>Saltelli (2010) design for Sobol indices: matrices A and B from a 2k-dimensional Sobol sequence and, for
    /// each parameter i, A_B^i (A with column i from B); samples N (a power of two) gives N (k + 2) points.</summary>
    Saltelli,

    /// <summary>Morris (1991) elementary-effects screening: samples trajectories of k + 1 points on a 4-level grid,
    /// each step moving one parameter by 2/3 of its range.</summary>
    Morris,

    /// <summary>One at a time around the base point (every parameter at the middle of its range): the base, then each
    /// parameter at its low and at its high bound; 2k + 1 points, for a tornado chart.</summary>
    OneAtATime,
}
