namespace MarketSim.Market.Learning;

/// <summary>
/// The discrete prices a Q-learning firm chooses from, and the state space built on them. With one period of memory
/// (k = 1 in Calvano et al. 2020) the state is the previous period's price indices of all n firms, encoded as the
/// base-m number state = sum_j a_j m^j (firm 0 is the least significant digit), so there are m^n states. The same
/// encoding numbers price profiles, which is why a profile played this period is next period's state.
/// Immutable; nothing here allocates after construction.
/// </summary>
public sealed class PriceGrid
{
    /// <summary>Largest state space accepted (m^n): keeps a Q table (m^n x m doubles per firm) to about 120 MB per firm with m = 15.</summary>
    public const int MaxStates = 1 << 20;

    private readonly double[] prices;

    /// <summary>A grid of the given prices (strictly increasing) shared by <paramref name="firms"/> firms.</summary>
    public PriceGrid(IReadOnlyList<double> prices, int firms)
    {
        ArgumentNullException.ThrowIfNull(prices);
        if (prices.Count < 1) throw new ArgumentException("at least one price is needed", nameof(prices));
        for (var k = 0; k < prices.Count; k++)
        {
            if (!double.IsFinite(prices[k])) throw new ArgumentException("prices must be finite", nameof(prices));
            if (k > 0 && !(prices[k] > prices[k - 1])) throw new ArgumentException("prices must be strictly increasing", nameof(prices));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(firms, 1);
        long states = 1;
        for (var j = 0; j < firms; j++)
        {
            states *= prices.Count;
            if (states > MaxStates)
                throw new ArgumentException($"{prices.Count} prices and {firms} firms give more than {MaxStates} states; use fewer prices or firms");
        }
        this.prices = [.. prices];
        Firms = firms;
        States = (int)states;
    }

    /// <summary>
    /// Calvano's grid: <paramref name="count"/> equally spaced prices on [p_N - xi (p_M - p_N), p_M + xi (p_M - p_N)], both ends
    /// included (m = 15, xi = 0.1 in the baseline).
    /// </summary>
    public static PriceGrid Calvano(double nashPrice, double monopolyPrice, double xi, int count, int firms)
    {
        if (!(monopolyPrice > nashPrice)) throw new ArgumentException("the monopoly price must exceed the Nash price");
        ArgumentOutOfRangeException.ThrowIfNegative(xi);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        var gap = monopolyPrice - nashPrice;
        double low = nashPrice - xi * gap, high = monopolyPrice + xi * gap;
        var grid = new double[count];
        for (var k = 0; k < count; k++) grid[k] = low + (high - low) * k / (count - 1);
        return new PriceGrid(grid, firms);
    }

    /// <summary>Number of prices m (actions per firm).</summary>
    public int Count => prices.Length;

    /// <summary>Number of firms n whose previous prices make a state.</summary>
    public int Firms { get; }

    /// <summary>Number of states (and of price profiles), m^n.</summary>
    public int States { get; }

    /// <summary>The prices, lowest first.</summary>
    public ReadOnlySpan<double> Prices => prices;

    /// <summary>The price of action <paramref name="action"/>.</summary>
    public double Price(int action) => prices[action];

    /// <summary>The action whose price is closest to <paramref name="price"/> (ties go to the lower price).</summary>
    public int Nearest(double price)
    {
        if (double.IsNaN(price)) throw new ArgumentOutOfRangeException(nameof(price), price, "must be a number");
        var index = Array.BinarySearch(prices, price);
        if (index >= 0) return index;
        var above = ~index;
        if (above == 0) return 0;
        if (above == prices.Length) return prices.Length - 1;
        return price - prices[above - 1] <= prices[above] - price ? above - 1 : above;
    }

    /// <summary>The state (profile index) of one action per firm.</summary>
    public int StateOf(ReadOnlySpan<int> actions)
    {
        if (actions.Length != Firms) throw new ArgumentException($"expected {Firms} actions, one per firm, got {actions.Length}", nameof(actions));
        var state = 0;
        for (var j = Firms - 1; j >= 0; j--)
        {
            if ((uint)actions[j] >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(actions), actions[j], $"an action must lie in [0, {Count - 1}]");
            state = state * Count + actions[j];
        }
        return state;
    }

    /// <summary>The state of a vector of previous prices, each mapped to the nearest grid price (for hosts whose opponents' prices need not lie on the grid).</summary>
    public int StateOfPrices(ReadOnlySpan<double> previousPrices)
    {
        if (previousPrices.Length != Firms)
            throw new ArgumentException($"expected {Firms} prices, one per firm, got {previousPrices.Length}", nameof(previousPrices));
        var state = 0;
        for (var j = Firms - 1; j >= 0; j--) state = state * Count + Nearest(previousPrices[j]);
        return state;
    }

    /// <summary>The action of <paramref name="firm"/> in the profile numbered <paramref name="state"/>.</summary>
    public int ActionOf(int state, int firm)
    {
        if ((uint)state >= (uint)States) throw new ArgumentOutOfRangeException(nameof(state), state, $"a state must lie in [0, {States - 1}]");
        if ((uint)firm >= (uint)Firms) throw new ArgumentOutOfRangeException(nameof(firm), firm, $"a firm must lie in [0, {Firms - 1}]");
        for (var j = 0; j < firm; j++) state /= Count;
        return state % Count;
    }

    /// <summary>Writes the action of every firm in profile <paramref name="state"/> into <paramref name="actions"/>.</summary>
    public void Decode(int state, Span<int> actions)
    {
        if ((uint)state >= (uint)States) throw new ArgumentOutOfRangeException(nameof(state), state, $"a state must lie in [0, {States - 1}]");
        if (actions.Length != Firms) throw new ArgumentException($"expected room for {Firms} actions, got {actions.Length}", nameof(actions));
        for (var j = 0; j < Firms; j++)
        {
            actions[j] = state % Count;
            state /= Count;
        }
    }
}
