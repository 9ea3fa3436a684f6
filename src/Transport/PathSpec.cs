namespace MarketSim.Transport;

/// <summary>
/// One path (subflow route) of a user group, as given to <see cref="FlowNetworkBuilder.AddGroup(Controller, PathSpec[])"/>.
/// </summary>
/// <param name="Links">Links the path crosses (may be empty for an open-loop path).</param>
/// <param name="RttSeconds">Round-trip time in seconds (&gt; 0).</param>
/// <param name="FixedLoss">Extra loss probability in [0, 1) added to the link prices, independent of load (open loop).</param>
/// <param name="AccessCap">
/// Per-user private access-rate cap in packets/s (+infinity for none). It is modelled exactly as a private
/// capacity link of this capacity for each user: its price rises only when the user's subflow is at the cap.
/// </param>
public readonly record struct PathSpec(LinkId[] Links, double RttSeconds, double FixedLoss, double AccessCap)
{
    /// <summary>A path through <paramref name="links"/> with no fixed loss and no access cap.</summary>
    /// <param name="rttSeconds">Round-trip time in seconds.</param>
    /// <param name="links">Links crossed, in any order.</param>
    public static PathSpec Through(double rttSeconds, params LinkId[] links) =>
        new(links, rttSeconds, 0.0, double.PositiveInfinity);

    /// <summary>An open-loop path: no links, a fixed loss probability.</summary>
    /// <param name="rttSeconds">Round-trip time in seconds.</param>
    /// <param name="fixedLoss">Loss probability in (0, 1).</param>
    public static PathSpec OpenLoop(double rttSeconds, double fixedLoss) =>
        new([], rttSeconds, fixedLoss, double.PositiveInfinity);

    /// <summary>This path with its fixed (load-independent) loss probability set to <paramref name="fixedLoss"/>.</summary>
    /// <param name="fixedLoss">Loss probability in [0, 1).</param>
    public PathSpec WithFixedLoss(double fixedLoss) => this with { FixedLoss = fixedLoss };

    /// <summary>This path with a per-user access-rate cap of <paramref name="packetsPerSecond"/>.</summary>
    /// <param name="packetsPerSecond">Cap in packets/s (&gt; 0, +infinity for none).</param>
    public PathSpec WithAccessCap(double packetsPerSecond) => this with { AccessCap = packetsPerSecond };
}
