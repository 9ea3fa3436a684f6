namespace MarketSim.Market.Learning;

/// <summary>
/// The learning parameters of one Q-learning firm; the defaults are the baseline of Calvano, Calzolari, Denicolò and
/// Pastorello (2020, AER).
/// </summary>
/// <param name="Alpha">Learning rate alpha in (0, 1]: weight of the new estimate in Q(s,a) &lt;- (1 - alpha) Q + alpha (pi + delta max Q').</param>
/// <param name="Delta">Discount factor delta in [0, 1).</param>
/// <param name="Beta">Exploration decay beta &gt;= 0: the firm explores in period t with probability exp(-beta t).</param>
/// <param name="ConvergenceWindow">Periods the greedy strategy must stay unchanged (in every state) to count as converged (100,000).</param>
public sealed record QLearningParameters(double Alpha = 0.15, double Delta = 0.95, double Beta = 4e-6, int ConvergenceWindow = 100_000)
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first parameter out of range.</summary>
    public QLearningParameters Validated()
    {
        if (!(Alpha > 0 && Alpha <= 1)) throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "the learning rate must lie in (0, 1]");
        if (!(Delta >= 0 && Delta < 1)) throw new ArgumentOutOfRangeException(nameof(Delta), Delta, "the discount factor must lie in [0, 1)");
        if (!(Beta >= 0) || double.IsInfinity(Beta)) throw new ArgumentOutOfRangeException(nameof(Beta), Beta, "the exploration decay must be finite and >= 0");
        if (ConvergenceWindow < 1) throw new ArgumentOutOfRangeException(nameof(ConvergenceWindow), ConvergenceWindow, "the convergence window must be at least 1 period");
        return this;
    }
}
