namespace MarketSim.Transport;

/// <summary>
/// Congestion controller of a user group. Each controller is modelled by its equilibrium in the
/// small-loss fluid model: given the loss probability p_r of every path r (fixed loss plus the
/// prices of the links it crosses), it fixes the per-user rate x_r (packets/s) of every subflow.
/// T_r = sqrt(2 / p_r) / rtt_r is the rate one Reno (NewReno) TCP flow gets on path r.
/// </summary>
public enum Controller
{
    /// <summary>Each subflow is an independent Reno TCP: x_r = T_r = sqrt(2/p_r)/rtt_r.</summary>
    Reno,

    /// <summary>Equally weighted TCP: each subflow is a TCP whose increase is weighted 1/n^2, x_r = T_r / n.</summary>
    Ewtcp,

    /// <summary>
    /// Fully coupled (Kelly-Voice): all traffic on the least-loss path(s); the total window is
    /// sqrt(2/p_min), so the total rate is T of that path.
    /// </summary>
    Coupled,

    /// <summary>
    /// Linked increases (RFC 6356): x_r = min(K/(p_r rtt_r), T_r) with K solving
    /// K = 2 max_r(x_r/rtt_r) / X^2, X the total. Uncapped, X equals the best single path's T.
    /// </summary>
    Lia,

    /// <summary>Opportunistic linked increases (Khalili et al.): Pareto-optimal, traffic on the path(s) of largest T_r, total max_r T_r.</summary>
    Olia,

    /// <summary>
    /// Balanced linked adaptation (Peng et al.): p_r = (2/(rtt_r^2 X^2)) g(a_r), a_r = max_k x_k / x_r,
    /// g(a) = (1+a)(4+a)/(10 min(a, 1.5)).
    /// </summary>
    Balia,
}
