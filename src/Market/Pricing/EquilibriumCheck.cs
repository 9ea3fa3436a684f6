namespace MarketSim.Market.Pricing;

/// <summary>How far a fee vector is from a Nash equilibrium, per provider (regret, as in empirical game theory).</summary>
/// <param name="Tick">Month whose fees and throughput were checked.</param>
/// <param name="Gains">Per provider: the largest gain in its firm's expected profit, money per month, from changing its
/// own fee alone to any point of the check's grid (0 when no grid fee beats the current one).</param>
/// <param name="BestFees">Per provider: the grid fee achieving that gain (its current fee when none does better).</param>
public sealed record EquilibriumCheck(int Tick, IReadOnlyList<double> Gains, IReadOnlyList<double> BestFees)
{
    /// <summary>Points of the deviation grid of each provider, from half to twice its fee (within its rule's bounds); the
    /// best grid point is then refined.</summary>
    public const int GridPoints = 25;

    /// <summary>The epsilon of the epsilon-Nash equilibrium: the largest gain of any provider.</summary>
    public double Epsilon => Gains.Count == 0 ? 0 : Gains.Max();
}
