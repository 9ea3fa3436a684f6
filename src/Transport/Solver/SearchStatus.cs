namespace MarketSim.Transport.Solver;

/// <summary>Where a link component's backtracking stands within one line search.</summary>
internal enum SearchStatus
{
    /// <summary>Still trying shorter steps.</summary>
    Searching,

    /// <summary>A trial passed (or the component was already within tolerance): its prices move to it.</summary>
    Accepted,

    /// <summary>No acceptable step: the component keeps its prices and is damped harder next iteration.</summary>
    Rejected,
}
