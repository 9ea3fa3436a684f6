namespace MarketSim.Market.Dynamics;

/// <summary>
/// How knowledge of networks' performance travels between users of a location (see <see cref="LocationBeliefs"/>).
/// </summary>
/// <param name="CrowdHalfUsers">Measuring users (multipath users with a path on the network) in a location at which the
/// published crowd measurements of that network reach half of the location's users: reach = m / (m + this). 0: no
/// crowd-sourced publication.</param>
/// <param name="ContactRate">Word of mouth: conversations per user per month with random users of its location; a
/// conversation with a user of a network tells its current rate.</param>
/// <param name="Decay">Share of informed users per month whose knowledge goes stale (they fall back on the published
/// weight and their own experience), in [0, 1].</param>
public sealed record InformationSpec(double CrowdHalfUsers, double ContactRate, double Decay)
{
    /// <summary>Chance a month that an uninformed user learns a network's rate from the crowd-sourced publication, with
    /// <paramref name="measuringUsers"/> users measuring it in the location.</summary>
    public double CrowdReach(double measuringUsers)
        => CrowdHalfUsers <= 0 || measuringUsers <= 0 ? 0 : measuringUsers / (measuringUsers + CrowdHalfUsers);

    /// <summary>Chance a month that an uninformed user talks to at least one user of the network: contacts are a Poisson
    /// stream at <see cref="ContactRate"/>, each with a user of the location drawn at random, a share
    /// <paramref name="holderShare"/> of whom hold the network; so 1 − e^(−rate × share).</summary>
    public double WordOfMouthReach(double holderShare) => 1 - Math.Exp(-ContactRate * Math.Clamp(holderShare, 0, 1));
}
