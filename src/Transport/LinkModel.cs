namespace MarketSim.Transport;

/// <summary>How a link turns its load into a price (loss probability) seen by the paths crossing it.</summary>
public enum LinkModel
{
    /// <summary>
    /// Hard capacity: the load never exceeds the capacity and the link price is positive only when the
    /// link is full (complementary slackness). The price is the link's share of the path loss.
    /// </summary>
    Capacity,

    /// <summary>
    /// Loss versus load: the loss probability is the M/M/1/K blocking probability
    /// B = (1 - rho) rho^K / (1 - rho^(K+1)) at utilisation rho = offered load / capacity,
    /// with K the number of packets the link holds (buffer plus the one in service).
    /// </summary>
    LossMM1K,
}
