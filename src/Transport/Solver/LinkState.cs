namespace MarketSim.Transport.Solver;

/// <summary>How a link takes part in the coming Newton step (see <see cref="NewtonStep"/>).</summary>
internal enum LinkState
{
    /// <summary>Nobody crosses the link: its price is left alone.</summary>
    Free,

    /// <summary>A capacity link whose price no longer matters: the price drops to zero.</summary>
    Released,

    /// <summary>An unpriced link that needs a price: it enters at a heuristic price.</summary>
    Entering,

    /// <summary>The link's equation is in the Newton system, in ln(price).</summary>
    Active,

    /// <summary>An unpriced link that needs none: it stays at its price.</summary>
    Resting,

    /// <summary>A capacity link losing its price, by e^-5 per iteration (dropping it at once would let Reno-like demand explode).</summary>
    Decaying,
}
