namespace MarketSim.Market.Accounting;

/// <summary>
/// One provider's books for one tick: the row the recorder writes. Money per month, throughput in Mbit/s
/// (mean over the provider's subscribers of the rate its access gives them while active).
/// </summary>
public sealed record ProviderTick(
    int Tick,
    int Provider,
    int Subscribers,
    double Share,
    int ChurnIn,
    int ChurnOut,
    double Price,
    double Revenue,
    double Profit,
    double MeanThroughputMbps);
