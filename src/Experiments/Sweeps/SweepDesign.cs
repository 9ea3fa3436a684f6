namespace MarketSim.Experiments.Sweeps;

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
}
