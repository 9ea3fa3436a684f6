namespace MarketSim.Experiments.Games;

/// <summary>
/// The pure-strategy profiles of a game with the given number of strategies per player, numbered in mixed radix
/// (player 0 most significant), so profile 0 is every player's first strategy and numbering follows file order.
/// </summary>
public sealed class ProfileSpace
{
    private readonly int[] counts;

    /// <summary>A space with <paramref name="strategyCounts"/>[i] strategies for player i.</summary>
    public ProfileSpace(IReadOnlyList<int> strategyCounts)
    {
        ArgumentNullException.ThrowIfNull(strategyCounts);
        if (strategyCounts.Count == 0 || strategyCounts.Any(c => c < 1))
            throw new ArgumentException("Every player needs at least one strategy.", nameof(strategyCounts));
        counts = strategyCounts.ToArray();
        long total = 1;
        foreach (var c in counts) total = checked(total * c);
        Count = checked((int)total);
    }

    /// <summary>Number of players.</summary>
    public int Players => counts.Length;

    /// <summary>Number of profiles.</summary>
    public int Count { get; }

    /// <summary>Strategies of player <paramref name="player"/>.</summary>
    public int StrategyCount(int player) => counts[player];

    /// <summary>Strategy index of each player in <paramref name="profile"/>.</summary>
    public int[] Strategies(int profile)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(profile);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(profile, Count);
        var s = new int[counts.Length];
        for (var i = counts.Length - 1; i >= 0; i--)
        {
            s[i] = profile % counts[i];
            profile /= counts[i];
        }
        return s;
    }

    /// <summary>The profile of the given strategies.</summary>
    public int Index(IReadOnlyList<int> strategies)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        if (strategies.Count != counts.Length) throw new ArgumentException("One strategy per player.", nameof(strategies));
        var index = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(strategies[i]);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(strategies[i], counts[i]);
            index = index * counts[i] + strategies[i];
        }
        return index;
    }

    /// <summary>The profile in which <paramref name="player"/> switches to <paramref name="strategy"/> and everybody else stays.</summary>
    public int Deviation(int profile, int player, int strategy)
    {
        var s = Strategies(profile);
        s[player] = strategy;
        return Index(s);
    }

    /// <summary>Every unilateral deviation from <paramref name="profile"/>: (player, strategy, profile), player order then strategy order.</summary>
    public IEnumerable<(int Player, int Strategy, int Profile)> Deviations(int profile)
    {
        var s = Strategies(profile);
        for (var i = 0; i < counts.Length; i++)
        {
            for (var k = 0; k < counts[i]; k++)
            {
                if (k != s[i]) yield return (i, k, Deviation(profile, i, k));
            }
        }
    }
}
