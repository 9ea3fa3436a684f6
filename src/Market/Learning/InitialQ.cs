namespace MarketSim.Market.Learning;

/// <summary>How a provider's Q table starts: one value per grid price, the same in every state.</summary>
public abstract record InitialQ
{
    private InitialQ() { }

    /// <summary>The initial value of each grid price (lowest first) for <paramref name="provider"/>.</summary>
    /// <param name="grid">The prices every provider picks from.</param>
    /// <param name="provider">Index of the learning provider.</param>
    /// <param name="marketDemand">The market's price-and-brand logit demand, built only by the rules that use it.</param>
    /// <param name="delta">The discount factor.</param>
    public abstract double[] Values(PriceGrid grid, int provider, Func<LogitDemand> marketDemand, double delta);

    /// <summary>
    /// Calvano et al.'s rule: the discounted profit per user of each own price when every other provider picks a grid
    /// price uniformly at random, under the market's price-and-brand logit demand (qualities and marginal costs of the
    /// providers, outside good 0, mu = 1 / mean price sensitivity). That demand ignores throughput, coverage, inertia and
    /// multihoming: exact for a market without them, a rough prior otherwise. Its greedy price is the best response to
    /// a random opponent, which in a logit duopoly already lies above the Bertrand-Nash price.
    /// </summary>
    public sealed record Logit : InitialQ
    {
        /// <inheritdoc />
        public override double[] Values(PriceGrid grid, int provider, Func<LogitDemand> marketDemand, double delta)
        {
            ArgumentNullException.ThrowIfNull(grid);
            ArgumentNullException.ThrowIfNull(marketDemand);
            return new PayoffTable(marketDemand(), grid).UniformOpponentValues(provider, delta);
        }
    }

    /// <summary>
    /// The same value for every state and price. Every action ties at first and ties go to the lowest price, so the
    /// provider starts at the bottom of its grid: whatever it ends at, it learned.
    /// </summary>
    /// <param name="Value">Q0 for every state and price, in profit per user (the units of the reward).</param>
    public sealed record Constant(double Value) : InitialQ
    {
        /// <inheritdoc />
        public override double[] Values(PriceGrid grid, int provider, Func<LogitDemand> marketDemand, double delta)
        {
            ArgumentNullException.ThrowIfNull(grid);
            var values = new double[grid.Count];
            Array.Fill(values, Value);
            return values;
        }
    }
}
