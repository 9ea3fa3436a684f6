namespace MarketSim.Transport.Solver;

/// <summary>
/// What a solve starts from and may have to go back to: the link prices and the private access-cap prices
/// (BALIA's inner warm start). The solver's live state is a view on the Newton and evaluator arrays; saved
/// states (the last equilibrium, the last continuation stage) are copies of it.
/// </summary>
/// <param name="LinkPrices">One price per link.</param>
/// <param name="CapPrices">One private cap price per path.</param>
internal readonly record struct PriceState(double[] LinkPrices, double[] CapPrices)
{
    /// <summary>A zeroed state sized for <paramref name="network"/>.</summary>
    public static PriceState Allocate(FlowNetwork network) =>
        new(new double[network.LinkCount], new double[network.PathCount]);

    /// <summary>Copies both price vectors into <paramref name="target"/>.</summary>
    public void CopyTo(PriceState target)
    {
        CopyLinkPricesTo(target);
        Array.Copy(CapPrices, target.CapPrices, CapPrices.Length);
    }

    /// <summary>
    /// Copies only the link prices: the cap prices are an inner solve's warm start, and the latest ones are the
    /// nearest to wherever the link prices go next.
    /// </summary>
    public void CopyLinkPricesTo(PriceState target) => Array.Copy(LinkPrices, target.LinkPrices, LinkPrices.Length);

    /// <summary>Sets every price to zero (an idle network).</summary>
    public void Clear()
    {
        Array.Clear(LinkPrices);
        Array.Clear(CapPrices);
    }
}
