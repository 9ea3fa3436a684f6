namespace MarketSim.Transport.Controllers;

/// <summary>Shared conventions for path loss (the price p_r a controller responds to).</summary>
internal static class PathLoss
{
    /// <summary>
    /// Smallest path loss used. A path whose links are all unpriced and that has neither fixed loss nor an
    /// access cap would have an unbounded fluid rate; flooring p at 1e-12 keeps every rate finite
    /// (T = 1.4e6/rtt packets/s, terabits per second) without moving any equilibrium of interest. It equals
    /// the solver's loss floor, so the link variables ln(price + 1e-12) match the paths' ln(p).
    /// </summary>
    public const double Floor = 1e-12;

    /// <summary>Rate of one Reno flow at loss <paramref name="p"/>: T = sqrt(2/p)/rtt (packets/s).</summary>
    public static double RenoRate(double p, double rtt) => Math.Sqrt(2.0 / p) / rtt;
}
