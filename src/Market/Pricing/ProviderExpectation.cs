namespace MarketSim.Market.Pricing;

/// <summary>A provider's expected month at candidate fees, money per month (long-run demand, see <see cref="DemandOracle"/>).</summary>
/// <param name="Subscribers">Expected users holding a contract with it.</param>
/// <param name="CarriedLines">ISP: expected lines its network carries for anyone but its own product lines (what its cost follows).</param>
/// <param name="Billed">Expected bills of its subscribers.</param>
/// <param name="WholesaleIn">Expected wholesale payments and revenue shares received.</param>
/// <param name="WholesaleOut">Expected wholesale payments and revenue shares paid.</param>
/// <param name="Cost">Expected cost (per carried line for an ISP, per subscriber otherwise, as the books count it).</param>
public readonly record struct ProviderExpectation(double Subscribers, double CarriedLines, double Billed, double WholesaleIn, double WholesaleOut, double Cost)
{
    /// <summary>Profit as the books define it: bills + transfers in − transfers out − cost (fixed costs never change a best response).</summary>
    public double Profit => Accounting.MarketAccounting.Profit(Billed, WholesaleIn, WholesaleOut, Cost, fixedCost: 0);
}
