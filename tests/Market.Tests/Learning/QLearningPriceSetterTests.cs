using MarketSim.Market.Learning;
using MarketSim.Market.PriceSetting;
using MarketSim.Market.Providers;

namespace MarketSim.Market.Tests.Learning;

public class QLearningPriceSetterTests
{
    /// <summary>A grid of 1.0, 1.5 and 2.0 shared by two providers, so state = a_0 + 3 a_1.</summary>
    private static PricingRule.QLearning Rule(double alpha = 0.5, double delta = 0.9, double beta = 50, InitialQ? initial = null)
        => new(MinPrice: 1, MaxPrice: 2, Prices: 3, new QLearningParameters(alpha, delta, beta), initial ?? new InitialQ.Constant(0));

    private static QLearningPriceSetter Setter(PricingRule.QLearning rule, int provider = 0, ulong seed = 1)
        => new(rule, new PricingContext(TestMarkets.LogitDuopoly(rule), provider, seed));

    private static PricingObservation Tick(int tick, double[] prices, double profit = 0, int population = 1000)
        => new(prices[0], 1, 0.4, 4, 0.8, tick, profit, population, prices);

    [Fact]
    public void The_state_is_every_providers_price_this_tick_on_the_nearest_grid_price()
    {
        var setter = Setter(Rule());
        Assert.Equal(QLearningPriceSetter.NoState, setter.State);
        setter.NextPrice(Tick(0, [1.9, 1.6]));
        Assert.Equal(2 + 3 * 1, setter.State);
        setter.NextPrice(Tick(1, [1.0, 1.2]));
        Assert.Equal(0 + 3 * 0, setter.State);
    }

    [Fact]
    public void Ties_go_to_the_lowest_price_so_a_constant_start_prices_at_the_bottom_of_the_grid()
    {
        // beta = 50: exploration is e^-50 from period 1 on, so the price is the greedy one, and every Q is 0.
        var setter = Setter(Rule(initial: new InitialQ.Constant(0.7)));
        Assert.Equal(1.0, setter.NextPrice(Tick(0, [1.2, 1.8])));
        Assert.Equal(1.0, setter.NextPrice(Tick(1, [1.0, 1.5]))); // state 3 is still untouched: all tie
    }

    [Fact]
    public void Each_tick_updates_the_state_the_price_was_chosen_in_with_the_profit_per_user()
    {
        var setter = Setter(Rule(alpha: 0.5, delta: 0.9));
        var q = setter.Learner;
        setter.NextPrice(Tick(0, [1.2, 1.8])); // tick 0 only sets the state: (1.0, 2.0) = 6; nothing learned
        Assert.Equal(0, q.Updates);
        // Tick 1: the provider played 1.0 (action 0) in state 6; profit 300 over 1,000 users = reward 0.3; next state (1.0, 1.5) = 3.
        // Q(6, 0) = 0.5 * 0 + 0.5 * (0.3 + 0.9 * max Q(3, .) = 0) = 0.15.
        setter.NextPrice(Tick(1, [1.0, 1.5], profit: 300));
        Assert.Equal(0.15, q.Q(6, 0), 12);
        // Tick 2: action 0 in state 3, reward 0.1, back to state 6 whose best value is now 0.15:
        // Q(3, 0) = 0.5 * (0.1 + 0.9 * 0.15) = 0.1175.
        setter.NextPrice(Tick(2, [1.0, 2.0], profit: 100));
        Assert.Equal(0.1175, q.Q(3, 0), 12);
        Assert.Equal(2, q.Updates);
        Assert.All(Enumerable.Range(0, q.Grid.States).SelectMany(s => Enumerable.Range(0, 3).Select(a => (s, a))).Where(x => x is not (6, 0) and not (3, 0)),
            x => Assert.Equal(0.0, q.Q(x.s, x.a)));
    }

    [Fact]
    public void The_reward_is_the_profit_per_user_of_the_population()
    {
        Assert.Equal(0.25, QLearningPriceSetter.Reward(Tick(3, [1.5, 1.5], profit: 500, population: 2000)), 15);
        Assert.Throws<ArgumentOutOfRangeException>(() => QLearningPriceSetter.Reward(Tick(3, [1.5, 1.5], profit: 500, population: 0)));
    }

    [Fact]
    public void The_price_for_tick_t_plus_1_explores_with_probability_exp_of_minus_beta_times_t_plus_1()
    {
        // Constant Q and zero profits keep every Q at 0: the greedy price is always the lowest, so any other price was explored.
        const double beta = 2e-3;
        var setter = Setter(Rule(beta: beta));
        var q = setter.Learner;
        var explored = new int[4];
        for (var t = 0; t < 2000; t++)
        {
            var price = setter.NextPrice(Tick(t, [1.0, 1.0]));
            var expected = q.Explores(t + 1) ? q.RandomAction(t + 1) : 0; // the draws of period t + 1, keyed by (seed, provider, t + 1)
            Assert.Equal(q.PriceOf(expected), price);
            if (q.Explores(t + 1)) explored[t / 500]++;
        }
        // Expected explorations per window of 500 ticks: sum of exp(-beta t) = 316, 116, 43, 16; binomial sd at most 11.
        for (var w = 0; w < 4; w++)
        {
            var mean = Enumerable.Range(w * 500 + 1, 500).Sum(t => Math.Exp(-beta * t));
            Assert.InRange(explored[w], mean - 4 * Math.Sqrt(mean) - 2, mean + 4 * Math.Sqrt(mean) + 2);
        }
    }

    [Fact]
    public void Logit_initial_values_are_Calvanos_in_the_symmetric_duopoly()
    {
        var game = new CalvanoGame(new CalvanoSettings(), seed: 1);
        var rule = new PricingRule.QLearning(game.Grid.Price(0), game.Grid.Price(14), 15, new QLearningParameters(), new InitialQ.Logit());
        var setter = Setter(rule, provider: 1);
        for (var a = 0; a < 15; a++) Assert.Equal(game.Learners[1].Q(0, a), setter.Learner.Q(0, a), 1e-9);
        Assert.Equal(game.Learners[1].Greedy(0), setter.Learner.Greedy(100));
    }

    [Fact]
    public void The_same_seed_and_provider_repeat_the_prices_and_another_provider_draws_its_own()
    {
        double[] Prices(int provider, ulong seed)
        {
            var setter = Setter(Rule(beta: 0), provider, seed);
            return Enumerable.Range(0, 200).Select(t => setter.NextPrice(Tick(t, [1.5, 1.5], profit: 100))).ToArray();
        }
        Assert.Equal(Prices(0, 7), Prices(0, 7));
        Assert.NotEqual(Prices(0, 7), Prices(1, 7));
        Assert.NotEqual(Prices(0, 7), Prices(0, 8));
    }

    [Fact]
    public void Missing_prices_and_skipped_ticks_are_refused()
    {
        var setter = Setter(Rule());
        Assert.Throws<ArgumentException>(() => setter.NextPrice(new PricingObservation(1.5, 1, 0.4, 4, 0.8, 0, 100, 1000)));
        Assert.Throws<ArgumentException>(() => setter.NextPrice(Tick(0, [1.5])));
        setter.NextPrice(Tick(0, [1.5, 1.5]));
        Assert.Throws<InvalidOperationException>(() => setter.NextPrice(Tick(2, [1.5, 1.5])));
    }

    [Fact]
    public void A_q_learning_rule_gives_every_provider_a_fresh_learner()
    {
        var rule = Rule();
        var market = TestMarkets.LogitDuopoly(rule);
        var first = rule.CreateSetter(new PricingContext(market, 0, 1));
        var second = rule.CreateSetter(new PricingContext(market, 0, 1));
        Assert.IsType<QLearningPriceSetter>(first);
        Assert.NotSame(first, second);
        Assert.Equal(0, ((QLearningPriceSetter)first).Learner.Firm);
        Assert.Equal(9, ((QLearningPriceSetter)first).Learner.Grid.States); // 3 prices, 2 providers
    }
}
