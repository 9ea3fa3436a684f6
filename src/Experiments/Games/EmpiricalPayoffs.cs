using MarketSim.Reports;

namespace MarketSim.Experiments.Games;

/// <summary>How a unilateral deviation compares with staying, judged on paired differences over common random numbers.</summary>
public enum DeviationVerdict
{
    /// <summary>The 95 % interval of the mean gain lies above 0.</summary>
    Gains,

    /// <summary>The 95 % interval lies below 0.</summary>
    Loses,

    /// <summary>Every paired difference is exactly 0: the deviation does not change the player's outcome.</summary>
    Ties,

    /// <summary>The interval contains 0 but the differences are not all 0.</summary>
    Undecided,
}

/// <summary>
/// The payoffs measured so far: for each profile run, each player's payoff in each replication. Replication r of
/// every profile ran on the same seed, so comparisons between profiles are paired (common random numbers).
/// </summary>
public sealed class EmpiricalPayoffs
{
    private readonly Dictionary<int, double[][]> byProfile = [];

    /// <summary>An empty table for <paramref name="space"/> with <paramref name="replications"/> runs per profile.</summary>
    public EmpiricalPayoffs(ProfileSpace space, int replications)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentOutOfRangeException.ThrowIfLessThan(replications, 1);
        Space = space;
        Replications = replications;
    }

    /// <summary>The strategy space.</summary>
    public ProfileSpace Space { get; }

    /// <summary>Runs per profile.</summary>
    public int Replications { get; }

    /// <summary>Profiles with payoffs, in increasing order.</summary>
    public IEnumerable<int> Profiles => byProfile.Keys.Order();

    /// <summary>Records a profile's payoffs: <paramref name="payoffs"/>[player][replication].</summary>
    public void Add(int profile, IReadOnlyList<IReadOnlyList<double>> payoffs)
    {
        ArgumentNullException.ThrowIfNull(payoffs);
        if (payoffs.Count != Space.Players || payoffs.Any(p => p.Count != Replications))
            throw new ArgumentException($"Expected {Space.Players} players x {Replications} replications.", nameof(payoffs));
        Space.Strategies(profile);
        byProfile[profile] = payoffs.Select(p => p.ToArray()).ToArray();
    }

    /// <summary>True if the profile's payoffs are known.</summary>
    public bool Has(int profile) => byProfile.ContainsKey(profile);

    /// <summary>A player's payoff in each replication of a profile.</summary>
    public IReadOnlyList<double> Of(int profile, int player) => byProfile[profile][player];

    /// <summary>Mean and 95 % interval of a player's payoff in a profile.</summary>
    public ConfidenceInterval Interval(int profile, int player) => ConfidenceInterval.Of(Of(profile, player));

    /// <summary>Mean and 95 % interval of what <paramref name="player"/> gains moving from <paramref name="from"/> to
    /// <paramref name="to"/>, from the paired differences.</summary>
    public ConfidenceInterval Gain(int from, int to, int player) => PairedDifference.Of(Of(to, player), Of(from, player));

    /// <summary>The verdict on <paramref name="player"/> moving from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public DeviationVerdict Verdict(int from, int to, int player)
    {
        var a = Of(from, player);
        var b = Of(to, player);
        var identical = true;
        for (var r = 0; r < a.Count; r++) identical &= a[r] == b[r];
        if (identical) return DeviationVerdict.Ties;
        var gain = Gain(from, to, player);
        if (!gain.HasWidth) return DeviationVerdict.Undecided;
        if (gain.Lower > 0) return DeviationVerdict.Gains;
        if (gain.Upper < 0) return DeviationVerdict.Loses;
        return DeviationVerdict.Undecided;
    }
}
