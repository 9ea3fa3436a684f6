using MarketSim.Experiments.Sweeps;
using MarketSim.Reports.Results;

namespace MarketSim.Experiments.Games;

/// <summary>One named strategy of a player: the dotted keys it sets, as a sweep policy does.</summary>
/// <param name="Name">Strategy name (letters, digits, '-', '_').</param>
/// <param name="Line">Line of the strategy in the file, for errors.</param>
/// <param name="Overrides">Dotted key to value, wildcards already expanded.</param>
public sealed record GameStrategy(string Name, int Line, IReadOnlyDictionary<string, string> Overrides);

/// <summary>A player: a provider of the file choosing among named strategies.</summary>
/// <param name="Name">The provider's name.</param>
/// <param name="PayoffProviders">Rows whose profit is the player's: its own and its product lines'.</param>
/// <param name="Strategies">Its strategies, at least one.</param>
public sealed record GamePlayer(string Name, IReadOnlyList<string> PayoffProviders, IReadOnlyList<GameStrategy> Strategies);

/// <summary>A rule of the game: keys set whenever the listed players play the listed strategies (e.g. a bundle
/// exists only when the partner signs). Rules apply after the strategies and win over them.</summary>
/// <param name="Line">Line of the rule.</param>
/// <param name="When">Player index to strategy index that must all hold.</param>
/// <param name="Set">Dotted key to value.</param>
public sealed record GameRule(int Line, IReadOnlyDictionary<int, int> When, IReadOnlyDictionary<string, string> Set);

/// <summary>
/// A validated game: players, strategies, the payoff rule, and every run it may make, planned (and validated)
/// before any starts: each strategy profile under every replication, plus the optional reference market.
/// Replication r has the same seed in every profile (common random numbers).
/// </summary>
/// <param name="File">The file as named.</param>
/// <param name="SourceText">Its exact content.</param>
/// <param name="Name">Experiment name.</param>
/// <param name="RootSeed">Root seed.</param>
/// <param name="Replications">Runs per profile.</param>
/// <param name="Players">The players in file order.</param>
/// <param name="Payoff">How a run's profits become a payoff.</param>
/// <param name="Search">Which profiles are run.</param>
/// <param name="Users">Number of users of the market (for per-user figures).</param>
/// <param name="ProfileRuns">Runs of each profile (by profile index), replication order.</param>
/// <param name="ReferenceRuns">Runs of the reference market (empty without `game.reference`).</param>
public sealed record GamePlan(
    string File,
    string SourceText,
    string Name,
    ulong RootSeed,
    int Replications,
    IReadOnlyList<GamePlayer> Players,
    PayoffRule Payoff,
    GameSearch Search,
    int Users,
    IReadOnlyList<IReadOnlyList<PlannedRun>> ProfileRuns,
    IReadOnlyList<PlannedRun> ReferenceRuns)
{
    /// <summary>Policy name (and run id prefix) of the reference market's runs.</summary>
    public const string ReferenceLabel = "reference";

    /// <summary>The shape of the strategy space.</summary>
    public ProfileSpace Space { get; } = new(Players.Select(p => p.Strategies.Count).ToArray());

    /// <summary>A profile's label: its strategy names joined by '.', player order.</summary>
    public string Label(int profile)
    {
        var s = Space.Strategies(profile);
        return string.Join('.', s.Select((k, i) => Players[i].Strategies[k].Name));
    }

    /// <summary>The sweep that runs <paramref name="profiles"/> (and the reference when asked) through the sweep
    /// machinery: one policy per profile, one Parquet file per run.</summary>
    public SweepPlan AsSweep(IEnumerable<int> profiles, bool withReference)
    {
        var chosen = profiles.Distinct().Order().ToList();
        var runs = chosen.SelectMany(p => ProfileRuns[p]).ToList();
        var policies = chosen.Select(Label).ToList();
        if (withReference)
        {
            runs.AddRange(ReferenceRuns);
            if (ReferenceRuns.Count > 0) policies.Add(ReferenceLabel);
        }
        return new SweepPlan(File, SourceText, Name, RootSeed, SweepDesign.Grid, 0, Replications, [], policies, runs);
    }

    /// <summary>Every run of the game (what a cluster worker plans to find its assignment by id).</summary>
    public SweepPlan AllRuns() => AsSweep(Enumerable.Range(0, Space.Count), withReference: true);
}

/// <summary>Which profiles a game runs.</summary>
public enum GameSearch
{
    /// <summary>Every profile.</summary>
    Exhaustive,

    /// <summary>Only the profiles needed to confirm or refute candidates found by following unilateral deviations.</summary>
    Deviations,
}
