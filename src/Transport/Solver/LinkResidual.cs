using MarketSim.Transport.Links;

namespace MarketSim.Transport.Solver;

/// <summary>
/// The equilibrium condition of each link as a residual that is zero exactly at an equilibrium, in the same
/// units for every link: a relative load error.
/// <list type="bullet">
/// <item>Capacity link, a complementarity problem (price &gt;= 0, load &lt;= capacity, one of them tight):
/// Phi = min(price / P, ln(capacity/load)), P the load-weighted harmonic mean loss of the paths crossing the
/// link (held fixed within a Newton iteration), so both sides of the min are dimensionless and comparable:
/// a link 1% below capacity keeps "fill the link" as its equation while its price is more than 1% of its
/// paths' loss, and only a link whose price no longer matters is treated as unpriced. The log makes Reno-like
/// demand (load ~ price^-1/2) linear in ln(price).</item>
/// <item>Loss link: price = B(load/capacity), B the M/M/1/K blocking probability, written as the load error
/// Phi = ln((c rho*(price) + d) / (load + d)), rho* = B^-1 (the utilisation at which the loss equals the price)
/// and d = 1e-6 c. In load form a loss link behaves like a capacity link whose capacity slides with its
/// price, so the same Newton steps work for both; in price form the steepness of B (d ln B / d ln rho ~ K)
/// made steps overshoot. A link whose loss and price are both below <see cref="LossFloor"/> is converged.</item>
/// </list>
/// A link nobody crosses has no condition (its price is irrelevant and left alone).
/// </summary>
internal static class LinkResidual
{
    /// <summary>Loss below which a loss link's price is negligible (not resolved).</summary>
    public const double LossFloor = 1e-12;

    public static double MeanPathLoss(double load, double elastic) => elastic > 0 ? 0.5 * load / elastic : double.PositiveInfinity;

    /// <summary>The loss a capacity link's price is compared with: its paths' mean loss, or its own price if larger.</summary>
    public static double ShareScale(double price, double load, double elastic)
    {
        var mean = MeanPathLoss(load, elastic);
        return double.IsPositiveInfinity(mean) ? Math.Max(price, 1e-300) : Math.Max(mean, Math.Max(price, 1e-300));
    }

    public static double LogSlack(double capacity, double load) =>
        load > 0 ? Math.Log(capacity / load) : double.PositiveInfinity;

    /// <summary>The link's residual and its partial derivatives.</summary>
    /// <param name="net">The network.</param>
    /// <param name="link">Link index.</param>
    /// <param name="price">Link price.</param>
    /// <param name="load">Link load.</param>
    /// <param name="shareScale">Loss a capacity link's price is compared with (held fixed within an iteration).</param>
    /// <param name="negligibleUtilisation">rho*(LossFloor) of a loss link.</param>
    /// <param name="byLoad">d Phi / d load (for the Newton rows).</param>
    /// <param name="byLogPrice">d Phi / d ln price at fixed load (loss links).</param>
    public static double Compute(
        FlowNetwork net, int link, double price, double load, double shareScale, double negligibleUtilisation,
        out double byLoad, out double byLogPrice)
    {
        var capacity = net.LinkCapacity[link];
        if (net.LinkModels[link] == LinkModel.Capacity)
        {
            byLoad = -1 / load;
            byLogPrice = 0;
            return Math.Min(price / shareScale, LogSlack(capacity, load));
        }

        byLoad = 0;
        byLogPrice = 0;
        if (price <= LossFloor && load <= capacity * negligibleUtilisation)
        {
            return 0;
        }

        var floor = LoadFloor * capacity;
        var utilisation = MM1KLoss.InverseBlocking(Math.Clamp(price, LossFloor, MaxLoss), net.LinkBuffer[link], out var elasticity);
        var supply = capacity * utilisation;
        byLoad = -1 / (load + floor);
        byLogPrice = price > LossFloor ? supply / (supply + floor) / elasticity : 0;
        return Math.Log((supply + floor) / (load + floor));
    }

    private const double LoadFloor = 1e-6;
    private const double MaxLoss = 1 - 1e-12;
}
