namespace MarketSim.Agents.Recording;

/// <summary>What a finished run did, with wall-clock time per phase (measurement only; never fed to the model).</summary>
/// <param name="Ticks">Ticks simulated after tick 0.</param>
/// <param name="Users">End users.</param>
/// <param name="Blocks">End-user actors.</param>
/// <param name="Rows">Rows recorded.</param>
/// <param name="TransportSolves">Transport solves done (one per tick, tick 0 included).</param>
/// <param name="Phases">Where the time went.</param>
/// <param name="Equilibrium">The epsilon-Nash check of the last month's fees (null if the run did not get there).</param>
/// <param name="NashResidual">With the nash rule: the largest profit gain, money per month, any nash firm had left at the
/// equilibrium fees it charged in the last month (null without the rule).</param>
public sealed record RunSummary(int Ticks, int Users, int Blocks, long Rows, long TransportSolves, PhaseTimes Phases,
    Market.Pricing.EquilibriumCheck? Equilibrium = null, double? NashResidual = null);

/// <summary>
/// Seconds of a run by phase, measured by the clock actor. Decisions: wall time from sending contract reviews
/// to the last block's reply (DecisionCpuSeconds is the blocks' own compute time summed over blocks, so
/// cpu / (wall × threads) is the phase's parallel efficiency). Transport: the solve inside the network actor.
/// Settle: providers and recorder. Check: the closing equilibrium check after the last month (a full-population
/// sweep of the demand oracle). Other: the rest of the wall time (message round trips, actor start-up).
/// </summary>
public sealed record PhaseTimes(double TotalSeconds, double DecisionSeconds, double DecisionCpuSeconds, double TransportSeconds, double SettleSeconds,
    double CheckSeconds = 0)
{
    /// <summary>Wall time outside the measured phases: message round trips between phases and start-up.</summary>
    public double OtherSeconds => Math.Max(0, TotalSeconds - DecisionSeconds - TransportSeconds - SettleSeconds - CheckSeconds);
}
