using MarketSim.Market.Learning;
using MarketSim.Market.Randomness;

namespace MarketSim.Market.Tests.Learning;

public class QLearningPricerTests
{
    /// <summary>One firm, two prices, so two states; Q0 = [1, 2] in both; alpha = 0.15, delta = 0.95.</summary>
    private static QLearningPricer Tiny(int window = 100_000) =>
        new(new PriceGrid([1.0, 2.0], firms: 1), firm: 0, new QLearningParameters(ConvergenceWindow: window), new CounterRandom(1), [1.0, 2.0]);

    [Fact]
    public void Q_update_matches_a_hand_computed_sequence()
    {
        var learner = Tiny();
        // (state, action, reward, next state) -> expected Q(state, action) after the update, greedy action of state.
        (int S, int A, double R, int Next, double Q, int Greedy)[] steps =
        [
            // 0.85 * 1 + 0.15 * (3 + 0.95 * max(1, 2)) = 0.85 + 0.15 * 4.9
            (0, 0, 3.0, 1, 1.585, 1),
            // 0.85 * 2 + 0.15 * (0 + 0.95 * max(1.585, 2)) = 1.7 + 0.15 * 1.9
            (0, 1, 0.0, 0, 1.985, 1),
            // 0.85 * 1 + 0.15 * (10 + 0.95 * 2) = 0.85 + 1.785: now above Q(1, 1) = 2, so the greedy action of state 1 flips
            (1, 0, 10.0, 1, 2.635, 0),
            // the target now uses the new maximum of state 1: 0.85 * 1.585 + 0.15 * (3 + 0.95 * 2.635) = 2.1727375,
            // above Q(0, 1) = 1.985, so state 0's greedy action flips too
            (0, 0, 3.0, 1, 2.1727375, 0),
        ];
        foreach (var step in steps)
        {
            learner.Learn(step.S, step.A, step.R, step.Next);
            Assert.Equal(step.Q, learner.Q(step.S, step.A), 1e-12);
            Assert.Equal(step.Greedy, learner.Greedy(step.S));
        }
        Assert.Equal(2.0, learner.Q(1, 1), 12);
        Assert.Equal(4, learner.Updates);
    }

    [Fact]
    public void Convergence_needs_the_greedy_strategy_unchanged_for_the_whole_window()
    {
        var learner = Tiny(window: 3);
        learner.Learn(0, 0, 0, 0);
        learner.Learn(0, 0, 0, 0);
        Assert.False(learner.Converged);
        learner.Learn(1, 0, 10, 1); // flips state 1's greedy action: the count restarts
        Assert.Equal(0, learner.StablePeriods);
        learner.Learn(0, 0, 0, 0);
        learner.Learn(0, 0, 0, 0);
        Assert.False(learner.Converged);
        learner.Learn(0, 0, 0, 0);
        Assert.True(learner.Converged);
        Assert.Equal(3, learner.StablePeriods);
    }

    [Theory]
    [InlineData(4e-6, 0L)]
    [InlineData(4e-6, 1L)]
    [InlineData(4e-6, 250_000L)]
    [InlineData(4e-6, 1_000_000L)]
    [InlineData(4e-6, 3_000_000L)]
    [InlineData(1e-3, 700L)]
    [InlineData(0.0, 123_456_789L)]
    public void Exploration_rate_decays_as_exp_of_minus_beta_t(double beta, long period)
    {
        var learner = new QLearningPricer(new PriceGrid([1.0, 2.0], 1), 0, new QLearningParameters(Beta: beta), new CounterRandom(1), [0.0, 0.0]);
        Assert.Equal(Math.Exp(-beta * period), learner.ExplorationRate(period), 1e-15);
    }

    [Theory]
    [InlineData(0.9)]
    [InlineData(0.5)]
    [InlineData(0.1)]
    public void Firms_explore_about_as_often_as_the_exploration_rate_says(double rate)
    {
        const double beta = 1e-6;
        var centre = (long)Math.Round(-Math.Log(rate) / beta);
        var learner = new QLearningPricer(new PriceGrid([1.0, 2.0], 1), 0, new QLearningParameters(Beta: beta), new CounterRandom(5), [0.0, 0.0]);
        const int n = 20_000;
        var explored = 0;
        for (var t = centre - n / 2; t < centre + n / 2; t++)
        {
            if (learner.Explores(t)) explored++;
        }
        // Binomial standard deviation is at most 0.0035; epsilon itself varies by 1 % over the window.
        Assert.Equal(rate, explored / (double)n, 0.015);
    }

    [Fact]
    public void Random_actions_are_uniform_over_the_grid_and_greedy_play_is_used_otherwise()
    {
        var grid = new PriceGrid(Enumerable.Range(0, 15).Select(k => 1.0 + k / 10.0).ToArray(), firms: 2);
        var initial = Enumerable.Range(0, 15).Select(k => k == 6 ? 1.0 : 0.0).ToArray();
        var learner = new QLearningPricer(grid, firm: 1, new QLearningParameters(Beta: 0), new CounterRandom(3), initial);
        var counts = new int[15];
        for (long t = 0; t < 30_000; t++) counts[learner.ChooseAction(17, t)]++;
        Assert.All(counts, c => Assert.InRange(c, 1_600, 2_400)); // expected 2,000 each, sd 43

        var greedyOnly = new QLearningPricer(grid, firm: 1, new QLearningParameters(Beta: 1), new CounterRandom(3), initial);
        for (long t = 100; t < 1_100; t++) Assert.Equal(6, greedyOnly.ChooseAction(17, t)); // epsilon = e^-100
    }

    [Fact]
    public void Draws_are_keyed_by_seed_firm_and_period_and_repeat_exactly()
    {
        var grid = new PriceGrid(Enumerable.Range(0, 15).Select(k => 1.0 + k).ToArray(), firms: 2);
        var zeros = new double[15];
        QLearningPricer Make(ulong seed, int firm) => new(grid, firm, new QLearningParameters(Beta: 0), new CounterRandom(seed), zeros);
        int[] Actions(QLearningPricer p) => Enumerable.Range(0, 200).Select(t => p.ChooseAction(0, t)).ToArray();
        Assert.Equal(Actions(Make(7, 0)), Actions(Make(7, 0)));
        Assert.NotEqual(Actions(Make(7, 0)), Actions(Make(8, 0)));
        Assert.NotEqual(Actions(Make(7, 0)), Actions(Make(7, 1)));
        // Periods past 2^32 get fresh keys rather than repeating period 0.
        var p = Make(7, 0);
        Assert.NotEqual(Actions(p), Enumerable.Range(0, 200).Select(t => p.ChooseAction(0, (1L << 32) + t)).ToArray());
    }

    [Fact]
    public void Previous_prices_map_to_the_state_of_their_nearest_grid_prices()
    {
        var grid = new PriceGrid([1.0, 1.5, 2.0], firms: 2);
        var learner = new QLearningPricer(grid, 0, new QLearningParameters(), new CounterRandom(1), [0.0, 0.0, 0.0]);
        Assert.Equal(2 + 3 * 1, learner.StateOf([1.9, 1.6]));
        Assert.Equal(2 + 3 * 1, learner.StateOf([2, 1]));
        Assert.Equal(1.5, learner.PriceOf(1));
    }

    [Fact]
    public void Bad_indices_and_parameters_are_refused()
    {
        var learner = Tiny();
        Assert.Throws<ArgumentOutOfRangeException>(() => learner.Learn(2, 0, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => learner.Learn(0, 2, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => learner.Learn(0, 0, 0, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => learner.ChooseAction(5, 0));
        var grid = new PriceGrid([1.0, 2.0], 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => new QLearningPricer(grid, 0, new QLearningParameters(Alpha: 0), new CounterRandom(1), [0.0, 0.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new QLearningPricer(grid, 0, new QLearningParameters(Delta: 1), new CounterRandom(1), [0.0, 0.0]));
        Assert.Throws<ArgumentException>(() => new QLearningPricer(grid, 0, new QLearningParameters(), new CounterRandom(1), [0.0]));
    }
}
