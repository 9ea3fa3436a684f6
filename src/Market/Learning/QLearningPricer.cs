using MarketSim.Market.Randomness;

namespace MarketSim.Market.Learning;

/// <summary>
/// One firm's Q-learner in the setup of Calvano, Calzolari, Denicolò and Pastorello (2020, AER): actions are the prices of
/// a <see cref="PriceGrid"/>, the state is every firm's previous price index (one period of memory), exploration is
/// epsilon-greedy with epsilon_t = exp(-beta t), and after each period
/// <code>
///   Q(s, a) &lt;- (1 - alpha) Q(s, a) + alpha (pi + delta max_a' Q(s', a')).
/// </code>
/// The learner keeps the greedy action of every state up to date (an update changes one row, whose argmax is recomputed),
/// so acting greedily and the max in the target are O(1), and it counts the updates since the greedy strategy last
/// changed in any state: <see cref="Converged"/> is Calvano's criterion (unchanged for 100,000 consecutive periods when
/// <see cref="Learn"/> is called once per period). Ties between actions go to the lowest price.
/// <para>
/// Randomness: period t's draws are keyed (seed, <see cref="RandomStream.Pricing"/>, agent = firm index, t): draw 0 of the
/// key is the exploration coin, draw 1 the uniformly random action (the period's upper 32 bits go into the draw number, so
/// periods beyond 2^31 still get fresh keys). A learner hosted by a provider actor therefore makes the same choices as in
/// <see cref="CalvanoGame"/>, whatever the scheduling. No step allocates. Not thread-safe: one owner calls it.
/// </para>
/// </summary>
public sealed class QLearningPricer
{
    private readonly double[] q;       // [state * m + action]
    private readonly int[] greedy;     // argmax of each state's row
    private readonly int m;
    private readonly double alpha;
    private readonly double delta;
    private readonly double beta;
    private readonly CounterRandom random;

    /// <summary>Creates the learner of firm <paramref name="firm"/> with the same initial value per action in every state.</summary>
    /// <param name="grid">The prices and the state space.</param>
    /// <param name="firm">Index of the firm: its digit in the state and its agent number in the random keys.</param>
    /// <param name="parameters">Alpha, delta, beta and the convergence window.</param>
    /// <param name="random">The run's random source.</param>
    /// <param name="initialValues">Q0(s, a) for each action a, in every state (see <see cref="PayoffTable.UniformOpponentValues"/>).</param>
    public QLearningPricer(PriceGrid grid, int firm, QLearningParameters parameters, CounterRandom random, ReadOnlySpan<double> initialValues)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(parameters);
        if ((uint)firm >= (uint)grid.Firms) throw new ArgumentOutOfRangeException(nameof(firm), firm, $"a firm must lie in [0, {grid.Firms - 1}]");
        if (initialValues.Length != grid.Count)
            throw new ArgumentException($"expected {grid.Count} initial values, one per price, got {initialValues.Length}", nameof(initialValues));
        foreach (var v in initialValues)
        {
            if (!double.IsFinite(v)) throw new ArgumentException("initial values must be finite", nameof(initialValues));
        }
        if ((long)grid.States * grid.Count > Array.MaxLength)
            throw new ArgumentException($"{grid.States} states x {grid.Count} prices is too large a Q table", nameof(grid));
        Parameters = parameters.Validated();
        Grid = grid;
        Firm = firm;
        m = grid.Count;
        alpha = parameters.Alpha;
        delta = parameters.Delta;
        beta = parameters.Beta;
        this.random = random;
        q = new double[(long)grid.States * m];
        greedy = new int[grid.States];
        var best = ArgMax(initialValues);
        for (var s = 0; s < grid.States; s++)
        {
            initialValues.CopyTo(q.AsSpan(s * m, m));
            greedy[s] = best;
        }
    }

    /// <summary>The prices and the state space.</summary>
    public PriceGrid Grid { get; }

    /// <summary>The firm's index.</summary>
    public int Firm { get; }

    /// <summary>Alpha, delta, beta and the convergence window.</summary>
    public QLearningParameters Parameters { get; }

    /// <summary>Number of actions (prices) m.</summary>
    public int Actions => m;

    /// <summary>Number of updates so far.</summary>
    public long Updates { get; private set; }

    /// <summary>Consecutive updates since the greedy action of some state last changed.</summary>
    public long StablePeriods { get; private set; }

    /// <summary>Calvano's convergence criterion: the greedy strategy has not changed for <see cref="QLearningParameters.ConvergenceWindow"/> periods.</summary>
    public bool Converged => StablePeriods >= Parameters.ConvergenceWindow;

    /// <summary>The price of <paramref name="action"/>.</summary>
    public double PriceOf(int action) => Grid.Price(action);

    /// <summary>The state of the previous period's prices of all firms (each mapped to the nearest grid price).</summary>
    public int StateOf(ReadOnlySpan<double> previousPrices) => Grid.StateOfPrices(previousPrices);

    /// <summary>The state of the previous period's price indices of all firms.</summary>
    public int StateOf(ReadOnlySpan<int> previousActions) => Grid.StateOf(previousActions);

    /// <summary>The exploration probability exp(-beta t) of period <paramref name="period"/>.</summary>
    public double ExplorationRate(long period) => Math.Exp(-beta * period);

    /// <summary>Current estimate Q(<paramref name="state"/>, <paramref name="action"/>).</summary>
    public double Q(int state, int action)
    {
        CheckState(state);
        CheckAction(action);
        return q[state * m + action];
    }

    /// <summary>The greedy (highest-Q, lowest price on ties) action in <paramref name="state"/>.</summary>
    public int Greedy(int state)
    {
        CheckState(state);
        return greedy[state];
    }

    /// <summary>True if the firm explores in <paramref name="period"/> (its coin falls below exp(-beta t)).</summary>
    public bool Explores(long period) => Draw(period, 0) < ExplorationRate(period);

    /// <summary>The uniformly random action the firm plays if it explores in <paramref name="period"/>.</summary>
    public int RandomAction(long period) => Math.Min((int)(Draw(period, 1) * m), m - 1);

    /// <summary>The action for <paramref name="period"/> in <paramref name="state"/>: random with probability exp(-beta t), greedy otherwise.</summary>
    public int ChooseAction(int state, long period)
    {
        CheckState(state);
        return Explores(period) ? RandomAction(period) : greedy[state];
    }

    /// <summary>
    /// The Q-learning update after playing <paramref name="action"/> in <paramref name="state"/>, earning
    /// <paramref name="reward"/> and moving to <paramref name="nextState"/> (the profile just played).
    /// </summary>
    public void Learn(int state, int action, double reward, int nextState)
    {
        CheckState(state);
        CheckAction(action);
        CheckState(nextState);
        var row = state * m;
        var target = reward + delta * q[nextState * m + greedy[nextState]];
        q[row + action] = (1 - alpha) * q[row + action] + alpha * target;
        var best = ArgMax(q.AsSpan(row, m));
        Updates++;
        if (best != greedy[state])
        {
            greedy[state] = best;
            StablePeriods = 0;
        }
        else
        {
            StablePeriods++;
        }
    }

    private double Draw(long period, int which)
    {
        var tick = unchecked((int)period);
        var draw = unchecked((int)((period >> 32) << 1)) | which;
        return random.Uniform(RandomStream.Pricing, Firm, tick, draw);
    }

    private static int ArgMax(ReadOnlySpan<double> values)
    {
        var best = 0;
        for (var a = 1; a < values.Length; a++)
        {
            if (values[a] > values[best]) best = a;
        }
        return best;
    }

    private void CheckState(int state)
    {
        if ((uint)state >= (uint)greedy.Length) throw new ArgumentOutOfRangeException(nameof(state), state, $"a state must lie in [0, {greedy.Length - 1}]");
    }

    private void CheckAction(int action)
    {
        if ((uint)action >= (uint)m) throw new ArgumentOutOfRangeException(nameof(action), action, $"an action must lie in [0, {m - 1}]");
    }
}
