namespace MarketSim.Market.Accounting;

/// <summary>What the market did to one provider in a tick, before it closes its books.</summary>
/// <param name="Subscribers">Users holding its plan.</param>
/// <param name="CarriedLines">Lines its access network carries (ISPs): SIMs, hotspot logins, DSL lines of its own, VMPO and partner plans.</param>
/// <param name="ChurnIn">Users who took its plan.</param>
/// <param name="ChurnOut">Users who gave it up.</param>
/// <param name="ChurnOutByCause">Departures by <see cref="Choice.ChurnCause"/> (price, performance, bundle, outage).</param>
/// <param name="MeanThroughputMbps">Mean throughput its plan delivers to its subscribers while active.</param>
/// <param name="Billed">What its subscribers were billed, money.</param>
/// <param name="WholesaleIn">Transfers received from other providers, money.</param>
/// <param name="WholesaleOut">Transfers paid to other providers, money.</param>
/// <param name="InMarket">False once the provider has left the market (no subscribers, no fixed cost).</param>
/// <param name="OutageLocations">Locations where its network failed this month.</param>
public sealed record ProviderDemand(
    int Subscribers,
    int CarriedLines,
    int ChurnIn,
    int ChurnOut,
    IReadOnlyList<int> ChurnOutByCause,
    double MeanThroughputMbps,
    double Billed,
    double WholesaleIn,
    double WholesaleOut,
    bool InMarket = true,
    int OutageLocations = 0);
