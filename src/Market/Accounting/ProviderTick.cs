namespace MarketSim.Market.Accounting;

/// <summary>
/// One provider's books for one tick: the row the recorder writes. Money per month, throughput in Mbit/s
/// (mean over the provider's subscribers of the rate its plan gives them while active).
/// Profit = Revenue + WholesaleIn − WholesaleOut − Cost − FixedCost (Cost: an ISP's marginal cost per line its network
/// carries; a VMPO's or product line's cost per subscriber).
/// </summary>
/// <param name="Tick">Month.</param>
/// <param name="Provider">Provider index.</param>
/// <param name="Subscribers">Users holding its plan.</param>
/// <param name="Share">Subscribers over all users.</param>
/// <param name="ChurnIn">Users who took its plan this month.</param>
/// <param name="ChurnOut">Users who gave up its plan this month.</param>
/// <param name="Price">Retail fee this month.</param>
/// <param name="Revenue">What its subscribers were billed.</param>
/// <param name="Profit">Revenue plus transfers in, minus transfers out and costs.</param>
/// <param name="MeanThroughputMbps">Mean throughput its plan delivers to its subscribers while active (NaN with none).</param>
/// <param name="ChurnOutPrice">Departures caused mainly by price.</param>
/// <param name="ChurnOutPerformance">Departures caused mainly by performance.</param>
/// <param name="ChurnOutBundle">Departures to a one-contract multipath plan (bundle, dual line, proxy, VMPO).</param>
/// <param name="WholesaleIn">Money received from other providers: VMPO wholesale payments and bundle revenue shares.</param>
/// <param name="WholesaleOut">Money paid to other providers.</param>
/// <param name="CarriedLines">Lines its access network carries, except its product lines' (0 for a VMPO or product line).</param>
/// <param name="Cost">Variable cost this month (see <see cref="MarketAccounting.Cost(Providers.ProviderSpec, double, double, IReadOnlyList{Providers.ProviderSpec})"/>).</param>
/// <param name="FixedCost">Fixed cost this month (0 once it has left the market).</param>
/// <param name="Npv">Net present value so far: minus the entry cost plus every month's profit up to this one, discounted
/// to month 0 (filled in by <see cref="MarketSettlement"/>; NaN before).</param>
/// <param name="InMarket">False once the provider has left the market under its exit rule.</param>
/// <param name="BreakEvenMonth">First month at which <paramref name="Npv"/> was at least zero; −1 if not yet.</param>
/// <param name="ChurnOutOutage">Departures of users who had no service for some hours last month (network outage).</param>
/// <param name="OutageLocations">Locations where its network failed this month (ISPs; 0 for others or without outages).</param>
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
    double MeanThroughputMbps,
    int ChurnOutPrice,
    int ChurnOutPerformance,
    int ChurnOutBundle,
    double WholesaleIn,
    double WholesaleOut,
    int CarriedLines,
    double Cost = 0,
    double FixedCost = 0,
    double Npv = double.NaN,
    bool InMarket = true,
    int BreakEvenMonth = -1,
    int ChurnOutOutage = 0,
    int OutageLocations = 0)
{
    /// <summary>Mean bill per subscriber (what users actually pay, as distinct from the posted fee); NaN with no subscribers.</summary>
    public double MeanBill => Subscribers == 0 ? double.NaN : Revenue / Subscribers;
}
