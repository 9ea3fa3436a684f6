namespace MarketSim.Market.Choice;

/// <summary>A portfolio's utility for one user, in money per month, split by source.</summary>
/// <param name="Value">Brand quality plus the value of the throughput the user perceives.</param>
/// <param name="Bills">Expected bills of the portfolio's contracts.</param>
/// <param name="Frictions">Inertia for staying minus switching cost for new contracts minus battery cost.</param>
public readonly record struct UtilityParts(double Value, double Bills, double Frictions)
{
    /// <summary>The utility the logit choice uses.</summary>
    public double Total => Value - Bills + Frictions;
}
