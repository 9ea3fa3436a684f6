using MarketSim.Market.Learning;
using MarketSim.Market.Providers;
using MarketSim.Market.Randomness;

namespace MarketSim.Market.PriceSetting;

/// <summary>
/// A provider's Q-learner hosted in the agent market: the <see cref="IPriceSetter"/> of <see cref="PricingRule.QLearning"/>.
/// Each tick is one period of Calvano et al.'s game. At the end of tick t the provider observes every provider's price
/// of tick t (each mapped to the nearest price of its own grid: the profile is the state s_t+1, and its own entry the
/// action a_t it chose at the end of tick t − 1) and its profit of tick t (the reward). It then updates
/// Q(s_t, a_t) towards reward + delta max Q(s_t+1, ·) and picks the price of tick t + 1 epsilon-greedily in s_t+1, with
/// epsilon = exp(−beta (t + 1)). Tick 0 is the starting market (configured prices and shares, not a response to any
/// choice), so it only sets the first state. Draws are keyed (seed, pricing stream, provider index, tick + 1), so a run
/// repeats exactly at any worker count.
/// </summary>
public sealed class QLearningPriceSetter : IPriceSetter
{
    /// <summary>The value of <see cref="State"/> before the first tick has been observed.</summary>
    public const int NoState = -1;

    private readonly double[] prices; // this tick's prices, copied into an array so the grid can read them as a span

    /// <summary>Creates the learner of <paramref name="context"/>'s provider, with its grid spanning every provider's price.</summary>
    public QLearningPriceSetter(PricingRule.QLearning rule, PricingContext context)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(context);
        var providers = context.Market.Providers.Count;
        var grid = rule.Grid(providers);
        Learner = new QLearningPricer(grid, context.Provider, rule.Learning, new CounterRandom(context.Seed),
            rule.InitialQ.Values(grid, context.Provider, () => MarketLogitDemand(context), rule.Learning.Delta));
        prices = new double[providers];
    }

    /// <summary>
    /// The market's price-and-brand logit demand: the providers' qualities and marginal costs, outside good 0,
    /// mu = 1 / mean price sensitivity (what <see cref="InitialQ.Logit"/> starts the Q table from).
    /// </summary>
    private static LogitDemand MarketLogitDemand(PricingContext context)
    {
        var providers = context.Market.Providers;
        return new LogitDemand(providers.Select(p => p.Quality).ToArray(), providers.Select(p => p.MarginalCost).ToArray(),
            outsideQuality: 0, mu: 1 / context.Market.MeanPriceSensitivity);
    }

    /// <summary>The learner: its grid, Q table and greedy strategy.</summary>
    public QLearningPricer Learner { get; }

    /// <summary>The state the current price was chosen in (the last observed price profile), or <see cref="NoState"/>.</summary>
    public int State { get; private set; } = NoState;

    /// <summary>The last tick observed.</summary>
    public int LastTick { get; private set; }

    /// <summary>
    /// The reward of a tick: the provider's profit per user of the whole population, which for a flat fee is
    /// (p − c) × share, Calvano's per-consumer profit. Normalising keeps Q values O(1) whatever the population: the same
    /// alpha, initial values and comparisons mean the same at 2,000 users as at a million, and Q is in the units of the
    /// logit initial values (per-consumer profits). Raw profit would scale Q with the market size, so a fixed initial
    /// value would be optimistic in one market and pessimistic in another.
    /// </summary>
    public static double Reward(in PricingObservation observation)
    {
        if (observation.Population < 1)
            throw new ArgumentOutOfRangeException(nameof(observation), observation.Population, "the population must be at least one user");
        return observation.Profit / observation.Population;
    }

    /// <inheritdoc />
    public double NextPrice(in PricingObservation observation)
    {
        var observed = observation.Prices
            ?? throw new ArgumentException("Q-learning needs every provider's price of the tick", nameof(observation));
        if (observed.Count != prices.Length)
            throw new ArgumentException($"expected {prices.Length} prices, one per provider, got {observed.Count}", nameof(observation));
        if (State != NoState && observation.Tick != LastTick + 1)
            throw new InvalidOperationException($"tick {observation.Tick} observed after tick {LastTick}: a learner must see every tick once, in order");
        for (var j = 0; j < prices.Length; j++) prices[j] = observed[j];
        var played = Learner.StateOf(prices);
        if (State != NoState) Learner.Learn(State, Learner.Grid.ActionOf(played, Learner.Firm), Reward(observation), played);
        State = played;
        LastTick = observation.Tick;
        return Learner.PriceOf(Learner.ChooseAction(played, (long)observation.Tick + 1));
    }
}
