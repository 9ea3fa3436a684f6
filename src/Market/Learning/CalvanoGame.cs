using MarketSim.Market.Randomness;

namespace MarketSim.Market.Learning;

/// <summary>
/// Parameters of the repeated pricing game of Calvano, Calzolari, Denicolò and Pastorello (2020, AER): n symmetric firms
/// with logit demand, each a <see cref="QLearningPricer"/>. The defaults are the paper's baseline, except the period cap:
/// the paper stops at 10^9 periods; here 5 x 10^6 keeps a run to a few seconds. Over 40 seeds of the baseline every run
/// converged, after 1.3 to 2.95 million periods (median 1.8 million), so 3 x 10^6 would have been too tight.
/// </summary>
public sealed record CalvanoSettings
{
    /// <summary>Number of firms n (2).</summary>
    public int Firms { get; init; } = 2;

    /// <summary>Quality a of every product (2).</summary>
    public double Quality { get; init; } = 2;

    /// <summary>Marginal cost c of every firm (1).</summary>
    public double Cost { get; init; } = 1;

    /// <summary>Quality of the outside good a0 (0).</summary>
    public double OutsideQuality { get; init; }

    /// <summary>Logit noise scale mu (0.25).</summary>
    public double Mu { get; init; } = 0.25;

    /// <summary>Number of prices m on the grid (15).</summary>
    public int Prices { get; init; } = 15;

    /// <summary>How far the grid extends beyond [p_N, p_M], as a fraction xi of p_M - p_N on each side (0.1).</summary>
    public double Xi { get; init; } = 0.1;

    /// <summary>Alpha, delta, beta and the convergence window (0.15, 0.95, 4e-6, 100,000).</summary>
    public QLearningParameters Learning { get; init; } = new();

    /// <summary>Periods after which a run stops even if it has not converged (5,000,000).</summary>
    public long MaxPeriods { get; init; } = 5_000_000;

    /// <summary>The logit demand these settings describe.</summary>
    public LogitDemand Demand() => LogitDemand.Symmetric(Firms, Quality, Cost, OutsideQuality, Mu);
}

/// <summary>What a run of <see cref="CalvanoGame"/> ended with.</summary>
/// <param name="Seed">The run's seed.</param>
/// <param name="Converged">Whether every firm's greedy strategy was stable for the convergence window before the cap.</param>
/// <param name="Periods">Periods played (including the window that established convergence).</param>
/// <param name="NashPrice">Bertrand-Nash price p_N (firm 0; all firms are symmetric).</param>
/// <param name="MonopolyPrice">Joint-profit-maximising price p_M.</param>
/// <param name="NashProfit">Per-firm profit at p_N.</param>
/// <param name="MonopolyProfit">Per-firm profit at p_M.</param>
/// <param name="CycleLength">Length of the limit cycle of greedy play the firms end in (1 = a fixed price profile).</param>
/// <param name="MeanPrices">Each firm's average price over the limit cycle.</param>
/// <param name="MeanProfits">Each firm's average profit over the limit cycle.</param>
/// <param name="ProfitGains">Each firm's profit gain (pi - pi_N) / (pi_M - pi_N).</param>
public sealed record CalvanoOutcome(
    ulong Seed,
    bool Converged,
    long Periods,
    double NashPrice,
    double MonopolyPrice,
    double NashProfit,
    double MonopolyProfit,
    int CycleLength,
    IReadOnlyList<double> MeanPrices,
    IReadOnlyList<double> MeanProfits,
    IReadOnlyList<double> ProfitGains)
{
    /// <summary>Average price over firms and the cycle.</summary>
    public double MeanPrice => MeanPrices.Average();

    /// <summary>Calvano's Delta: the profit gain averaged over firms (0 at Nash, 1 at full collusion).</summary>
    public double ProfitGain => ProfitGains.Average();
}

/// <summary>
/// The repeated pricing game of Calvano et al. (2020): every period each firm picks a grid price with its
/// <see cref="QLearningPricer"/> (state = last period's price profile), earns its logit profit, and learns. The game runs
/// until every firm has converged (Calvano's criterion) or <see cref="CalvanoSettings.MaxPeriods"/> is reached, then
/// the outcome is measured as in the paper: from the final state the firms play greedily (no exploration, no learning)
/// until a state repeats, and prices and profits are averaged over that limit cycle. Deterministic for a seed; the
/// initial state is the random-action draw of a fictitious period -1. No step allocates.
/// </summary>
public sealed class CalvanoGame
{
    private readonly QLearningPricer[] firms;
    private readonly int[] actions;
    private readonly double[] nashPrices;
    private readonly double[] monopolyPrices;
    private readonly double[] nashProfits;
    private readonly double[] monopolyProfits;

    /// <summary>Sets up the game: benchmarks, grid, payoff table, and one learner per firm with Calvano's initial Q.</summary>
    public CalvanoGame(CalvanoSettings settings, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxPeriods, 0);
        Settings = settings;
        Seed = seed;
        Demand = settings.Demand();
        nashPrices = Demand.NashPrices();
        monopolyPrices = Demand.MonopolyPrices();
        nashProfits = Demand.ProfitsAt(nashPrices);
        monopolyProfits = Demand.ProfitsAt(monopolyPrices);
        Grid = PriceGrid.Calvano(nashPrices.Min(), monopolyPrices.Max(), settings.Xi, settings.Prices, settings.Firms);
        Payoffs = new PayoffTable(Demand, Grid);
        var random = new CounterRandom(seed);
        firms = new QLearningPricer[settings.Firms];
        actions = new int[settings.Firms];
        for (var i = 0; i < firms.Length; i++)
        {
            firms[i] = new QLearningPricer(Grid, i, settings.Learning, random, Payoffs.UniformOpponentValues(i, settings.Learning.Delta));
            actions[i] = firms[i].RandomAction(-1);
        }
        State = Grid.StateOf(actions);
    }

    /// <summary>The settings.</summary>
    public CalvanoSettings Settings { get; }

    /// <summary>The seed.</summary>
    public ulong Seed { get; }

    /// <summary>The logit demand.</summary>
    public LogitDemand Demand { get; }

    /// <summary>The price grid and state space.</summary>
    public PriceGrid Grid { get; }

    /// <summary>Profits at every grid profile.</summary>
    public PayoffTable Payoffs { get; }

    /// <summary>The learners, by firm index.</summary>
    public IReadOnlyList<QLearningPricer> Learners => firms;

    /// <summary>Bertrand-Nash prices, by firm.</summary>
    public IReadOnlyList<double> NashPrices => nashPrices;

    /// <summary>Joint-profit-maximising prices, by firm.</summary>
    public IReadOnlyList<double> MonopolyPrices => monopolyPrices;

    /// <summary>Periods played so far.</summary>
    public long Period { get; private set; }

    /// <summary>The current state: the price profile played last period.</summary>
    public int State { get; private set; }

    /// <summary>True once every firm meets the convergence criterion.</summary>
    public bool Converged
    {
        get
        {
            foreach (var firm in firms)
            {
                if (!firm.Converged) return false;
            }
            return true;
        }
    }

    /// <summary>Sets up a game, plays it until convergence or the cap, and returns the outcome.</summary>
    public static CalvanoOutcome Play(CalvanoSettings settings, ulong seed)
    {
        var game = new CalvanoGame(settings, seed);
        game.RunUntilConverged();
        return game.Outcome();
    }

    /// <summary>Plays one period: every firm chooses, profits are paid from the table, every firm learns.</summary>
    public void Step()
    {
        var state = State;
        var period = Period;
        for (var i = 0; i < firms.Length; i++) actions[i] = firms[i].ChooseAction(state, period);
        var next = Grid.StateOf(actions);
        for (var i = 0; i < firms.Length; i++) firms[i].Learn(state, actions[i], Payoffs.Profit(next, i), next);
        State = next;
        Period = period + 1;
    }

    /// <summary>Plays until every firm has converged or the period cap is reached; returns whether it converged.</summary>
    public bool RunUntilConverged()
    {
        var cap = Settings.MaxPeriods;
        while (Period < cap)
        {
            Step();
            if (Converged) return true;
        }
        return Converged;
    }

    /// <summary>
    /// The limit cycle of greedy play from the current state: the price profiles (state numbers) visited periodically,
    /// in the order played. At most m^n long.
    /// </summary>
    public IReadOnlyList<int> GreedyCycle()
    {
        var firstVisit = new int[Grid.States];
        Array.Fill(firstVisit, -1);
        var path = new List<int>();
        var state = State;
        while (firstVisit[state] < 0)
        {
            firstVisit[state] = path.Count;
            path.Add(state);
            for (var i = 0; i < firms.Length; i++) actions[i] = firms[i].Greedy(state);
            state = Grid.StateOf(actions);
        }
        return path.GetRange(firstVisit[state], path.Count - firstVisit[state]);
    }

    /// <summary>The outcome now: convergence flag, and prices, profits and profit gains averaged over the greedy limit cycle.</summary>
    public CalvanoOutcome Outcome()
    {
        var cycle = GreedyCycle();
        var n = firms.Length;
        var meanPrices = new double[n];
        var meanProfits = new double[n];
        var gains = new double[n];
        foreach (var profile in cycle)
        {
            for (var i = 0; i < n; i++)
            {
                meanPrices[i] += Grid.Price(Grid.ActionOf(profile, i));
                meanProfits[i] += Payoffs.Profit(profile, i);
            }
        }
        for (var i = 0; i < n; i++)
        {
            meanPrices[i] /= cycle.Count;
            meanProfits[i] /= cycle.Count;
            gains[i] = ProfitGain(meanProfits[i], nashProfits[i], monopolyProfits[i]);
        }
        return new CalvanoOutcome(Seed, Converged, Period, nashPrices[0], monopolyPrices[0], nashProfits[0], monopolyProfits[0],
            cycle.Count, meanPrices, meanProfits, gains);
    }

    /// <summary>Calvano's profit gain (pi - pi_N) / (pi_M - pi_N): 0 at the Nash profit, 1 at the joint-profit maximum.</summary>
    public static double ProfitGain(double profit, double nashProfit, double monopolyProfit)
        => (profit - nashProfit) / (monopolyProfit - nashProfit);
}
