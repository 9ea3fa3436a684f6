namespace MarketSim.Market.Learning;

/// <summary>
/// Every firm's one-period profit at every price profile of a <see cref="PriceGrid"/>, computed once from the demand so a
/// learning step is a table look-up. Profile numbers are the grid's state numbers.
/// </summary>
public sealed class PayoffTable
{
    private readonly double[] profit; // [profile * firms + firm]

    /// <summary>Tabulates <paramref name="demand"/> on <paramref name="grid"/> (the same number of firms).</summary>
    public PayoffTable(LogitDemand demand, PriceGrid grid)
    {
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(grid);
        if (demand.Firms != grid.Firms) throw new ArgumentException($"the demand has {demand.Firms} firms and the grid {grid.Firms}");
        Grid = grid;
        Firms = grid.Firms;
        profit = new double[(long)grid.States * Firms];
        var actions = new int[Firms];
        var prices = new double[Firms];
        var row = new double[Firms];
        for (var profile = 0; profile < grid.States; profile++)
        {
            grid.Decode(profile, actions);
            for (var j = 0; j < Firms; j++) prices[j] = grid.Price(actions[j]);
            demand.Profits(prices, row);
            row.CopyTo(profit, profile * Firms);
        }
    }

    /// <summary>The grid the table is built on.</summary>
    public PriceGrid Grid { get; }

    /// <summary>Number of firms.</summary>
    public int Firms { get; }

    /// <summary>Profit of <paramref name="firm"/> when the firms play the profile numbered <paramref name="profile"/>.</summary>
    public double Profit(int profile, int firm) => profit[profile * Firms + firm];

    /// <summary>
    /// Calvano et al.'s initial Q values for <paramref name="firm"/>: the discounted payoff of each own action when the
    /// opponents randomise uniformly over the grid, Q0(s, a_i) = sum over a_-i of pi_i(a_i, a_-i) / ((1 - delta) m^(n-1)),
    /// the same in every state. One value per action.
    /// </summary>
    public double[] UniformOpponentValues(int firm, double delta)
    {
        if ((uint)firm >= (uint)Firms) throw new ArgumentOutOfRangeException(nameof(firm), firm, $"a firm must lie in [0, {Firms - 1}]");
        if (!(delta >= 0 && delta < 1)) throw new ArgumentOutOfRangeException(nameof(delta), delta, "the discount factor must lie in [0, 1)");
        var m = Grid.Count;
        var values = new double[m];
        var actions = new int[Firms];
        for (var profile = 0; profile < Grid.States; profile++)
        {
            Grid.Decode(profile, actions);
            values[actions[firm]] += Profit(profile, firm);
        }
        var opponentsProfiles = Grid.States / (double)m; // m^(n-1)
        for (var a = 0; a < m; a++) values[a] /= (1 - delta) * opponentsProfiles;
        return values;
    }
}
