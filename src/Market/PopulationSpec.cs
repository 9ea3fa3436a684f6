namespace MarketSim.Market;

/// <summary>
/// How end users are drawn and how they decide. Money is per month; a tick is one month.
/// </summary>
/// <param name="Users">Number of end users.</param>
/// <param name="MptcpShare">Share of devices that can pool two accesses with MPTCP, in [0, 1].</param>
/// <param name="MeanPriceSensitivity">Mean logit price coefficient alpha (1 / money): choice probabilities are
/// proportional to exp(alpha * utility). 1 / alpha is the logit noise scale mu.</param>
/// <param name="PriceSensitivitySpread">Log-normal sigma of alpha across users (0 = everyone alike).</param>
/// <param name="ThroughputValue">Money per month a user attaches to each unit of ln(1 + throughput / reference).</param>
/// <param name="ThroughputValueSpread">Log-normal sigma of that valuation across users.</param>
/// <param name="ReferenceMbps">Throughput scale of the valuation's log: below it, value grows almost linearly.</param>
/// <param name="ReviewProbability">Chance per tick that a user reviews its contracts (contract expiry), in [0, 1].</param>
/// <param name="Inertia">Money per month of extra utility for keeping the current portfolio unchanged.</param>
/// <param name="SwitchingCost">Money per month charged once for each provider a new portfolio adds.</param>
/// <param name="BatteryCost">Money per month a user counts for running two radios at once.</param>
/// <param name="PublicInformationWeight">How much a user trusts published measurements of an access it does not hold,
/// in [0, 1]: 1 = sees its true throughput, 0 = assumes it performs like the user's own access (the advertised rate
/// when the user holds none). Accesses it holds it sees exactly.</param>
/// <param name="Activity">Fraction of the time a user is active (transferring), in (0, 1].</param>
/// <param name="UsageGb">Mean traffic per user per month, GB (what usage tariffs bill).</param>
/// <param name="UsageSpread">Log-normal sigma of monthly traffic across users.</param>
/// <param name="MptcpShareGrowth">Growth of the MPTCP-capable share per month (share at month t is
/// min(1, MptcpShare + growth × t)): device adoption as handsets are replaced.</param>
/// <param name="Adoption">Bass diffusion of MPTCP-capable devices from <paramref name="MptcpShare"/> (replaces the straight
/// line; null: the straight line).</param>
/// <param name="DowntimeCost">Money per hour of expected downtime a month (every path of the portfolio out at once)
/// that a user counts against a portfolio (0: outages are not weighed).</param>
/// <param name="Information">How knowledge of networks' rates travels between users (word of mouth, crowd
/// measurements); null: only <paramref name="PublicInformationWeight"/>.</param>
public sealed record PopulationSpec(
    int Users,
    double MptcpShare,
    double MeanPriceSensitivity,
    double PriceSensitivitySpread,
    double ThroughputValue,
    double ThroughputValueSpread,
    double ReferenceMbps,
    double ReviewProbability,
    double Inertia,
    double SwitchingCost,
    double BatteryCost,
    double PublicInformationWeight,
    double Activity,
    double UsageGb,
    double UsageSpread,
    double MptcpShareGrowth = 0,
    Dynamics.BassDiffusion? Adoption = null,
    double DowntimeCost = 0,
    Dynamics.InformationSpec? Information = null)
{
    /// <summary>How taste terms are distributed over portfolios: plain logit (default) or nested logit.</summary>
    public DemandModel Demand { get; init; } = DemandModel.Logit;

    /// <summary>Where users spend their time (home, work, on the move) and which places have hotspots; null: always at
    /// home with every access of the location, as without the key.</summary>
    public Network.Mobility? Mobility { get; init; }

    /// <summary>Share of MPTCP-capable devices at month <paramref name="tick"/>.</summary>
    public double MptcpShareAt(int tick) => Adoption is null ? Math.Min(1.0, MptcpShare + MptcpShareGrowth * tick) : Adoption.ShareAt(tick);
}
