namespace MarketSim.Transport.Controllers;

/// <summary>
/// Per-user equilibrium rates of one group given its path losses: the controller's fluid-model fixed point
/// (see <see cref="Controller"/>), with access caps as private links. Optionally the n-by-n Jacobian
/// d x_r / d p_j (row-major), which the network solver assembles into the link Jacobian.
/// </summary>
internal static class BestResponse
{
    /// <param name="controller">The group's controller.</param>
    /// <param name="p">Path losses (&gt;= <see cref="PathLoss.Floor"/>).</param>
    /// <param name="rtt">Path RTTs (s).</param>
    /// <param name="cap">Access caps (packets/s, +inf for none).</param>
    /// <param name="smoothing">Tie smoothing of coupled, OLIA and BALIA.</param>
    /// <param name="capPrices">BALIA's private-cap prices, read as a warm start and updated.</param>
    /// <param name="x">Per-user rates (packets/s), written.</param>
    /// <param name="jac">Jacobian, written, or empty to skip it.</param>
    /// <param name="ws">Scratch.</param>
    public static void Compute(
        Controller controller, ReadOnlySpan<double> p, ReadOnlySpan<double> rtt, ReadOnlySpan<double> cap,
        TieSmoothing smoothing, Span<double> capPrices, Span<double> x, Span<double> jac, ResponseWorkspace ws)
    {
        switch (controller)
        {
            case Controller.Reno:
                UncoupledResponse.Respond(p, rtt, cap, 1.0, x, jac);
                break;
            case Controller.Ewtcp:
                UncoupledResponse.Respond(p, rtt, cap, p.Length, x, jac);
                break;
            case Controller.Coupled:
                WaterFillResponse.Respond(true, p, rtt, cap, smoothing, x, jac, ws);
                break;
            case Controller.Olia:
                WaterFillResponse.Respond(false, p, rtt, cap, smoothing, x, jac, ws);
                break;
            case Controller.Lia:
                LiaResponse.Respond(p, rtt, cap, x, jac, ws);
                break;
            case Controller.Balia:
                PrivateCaps.RespondBalia(p, rtt, cap, smoothing, capPrices, x, jac, ws);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(controller), controller, "Unknown controller.");
        }
    }

    /// <summary>True when the controller's rates on one path depend on the losses of its other paths.</summary>
    public static bool IsCoupled(Controller controller) => controller is not (Controller.Reno or Controller.Ewtcp);
}
