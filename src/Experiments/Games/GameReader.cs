using System.Text.RegularExpressions;
using MarketSim.Experiments.Config;
using MarketSim.Experiments.Sweeps;
using MarketSim.Market.Randomness;
using MarketSim.Reports.Results;
using YamlDotNet.RepresentationModel;

namespace MarketSim.Experiments.Games;

/// <summary>
/// Reads a game file: an experiment file with a `game` section naming the players (providers), each with named
/// strategies written as dotted-key overrides (as sweep policies are), the payoff, the replications, the search and
/// an optional reference market. Every profile is planned and validated before anything runs or is written.
/// </summary>
public static partial class GameReader
{
    /// <summary>Largest number of profiles a game may have (each one is planned and validated up front).</summary>
    public const int MaxProfiles = 4096;

    /// <summary>Up to this many profiles, `search: auto` runs them all.</summary>
    public const int ExhaustiveUpTo = 64;

    private static readonly string[] Payoffs = ["npv", "mean_monthly_profit"];
    private static readonly string[] Searches = ["auto", "exhaustive", "deviations"];

    /// <summary>Loads and validates a game file.</summary>
    public static GamePlan Load(string path)
    {
        var root = YamlFile.Load(path);
        return Plan(root, path, File.ReadAllText(path));
    }

    /// <summary>Plans a game from text that came from <paramref name="path"/> (a cluster worker re-plans this way).</summary>
    public static GamePlan Parse(string path, string text) => Plan(YamlFile.Parse(path, text), path, text);

    /// <summary>True if the parsed file is a game file (has a `game` section).</summary>
    public static bool IsGame(YamlSection root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return root.Mapping.Children.Keys.Any(k => k is YamlScalarNode { Value: "game" });
    }

    internal static GamePlan Plan(YamlSection root, string path, string text)
    {
        if (root.Mapping.Children.Keys.Any(k => k is YamlScalarNode { Value: "sweep" }))
            throw root.Error("sweep", "a game file runs strategy profiles, not a sweep; remove the `sweep` section (replications go under game.replications)");
        var game = root.Section("game");
        var replications = game.Integer("replications", Bounds.Between(2, 100_000), 4);
        var ticks = root.Integer("ticks", Bounds.Between(1, 100_000));
        var payoff = ReadPayoff(game, ticks);
        var search = game.Choice("search", Searches, "auto");
        var ownership = new KeyOwnership(root);
        var players = ReadPlayers(game, ownership);
        var rules = ReadRules(game, players);
        (int Line, Dictionary<string, string> Overrides)? reference = game.Node("reference") is { } referenceNode ? ReadOverrides(game.File, referenceNode, "game.reference") : null;
        game.RejectUnknownKeys();

        var space = new ProfileSpace(players.Select(p => p.Strategies.Count).ToArray());
        if (space.Count > MaxProfiles)
            throw game.Error("players", $"{space.Count} strategy profiles; accepted: at most {MaxProfiles} (fewer strategies or players)");
        var kind = search switch
        {
            "exhaustive" => GameSearch.Exhaustive,
            "deviations" => GameSearch.Deviations,
            _ => space.Count <= ExhaustiveUpTo ? GameSearch.Exhaustive : GameSearch.Deviations,
        };

        // Each strategy alone first, so an unknown key is reported at its strategy's line.
        foreach (var player in players)
        {
            foreach (var s in player.Strategies) Read(root, text, s.Overrides, s.Line, $"strategy '{s.Name}' of player {player.Name}");
        }
        if (reference is not null) Read(root, text, reference.Value.Overrides, reference.Value.Line, "game.reference");

        var rootSeed = (ulong)root.Integer("seed", Bounds.NonNegative, 1);
        var seeds = Enumerable.Range(0, replications).Select(r => CounterRandom.DeriveSeed(rootSeed, (ulong)r)).ToArray();
        var profileRuns = new List<IReadOnlyList<PlannedRun>>();
        string? name = null;
        var users = 0;
        for (var p = 0; p < space.Count; p++)
        {
            var strategies = space.Strategies(p);
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < players.Count; i++)
            {
                foreach (var (k, v) in players[i].Strategies[strategies[i]].Overrides) values[k] = v;
            }
            foreach (var rule in rules.Where(r => r.When.All(w => strategies[w.Key] == w.Value)))
            {
                foreach (var (k, v) in rule.Set) values[k] = v;
            }
            var label = string.Join('.', strategies.Select((k, i) => players[i].Strategies[k].Name));
            var config = Read(root, text, values, game.Line, $"profile {label}");
            name ??= config.Market.Name;
            users = config.Market.Population.Users;
            profileRuns.Add(seeds.Select((seed, r) => new PlannedRun($"{label}-r{r:D3}", p, label, r, seed, values, config with { Seed = seed })).ToList());
        }
        var referenceRuns = new List<PlannedRun>();
        if (reference is not null)
        {
            var config = Read(root, text, reference.Value.Overrides, reference.Value.Line, "game.reference");
            referenceRuns.AddRange(seeds.Select((seed, r) => new PlannedRun($"{GamePlan.ReferenceLabel}-r{r:D3}", space.Count, GamePlan.ReferenceLabel, r, seed,
                reference.Value.Overrides, config with { Seed = seed })));
        }
        return new GamePlan(path, text, name!, rootSeed, replications, players, payoff, kind, users, profileRuns, referenceRuns);
    }

    private static ExperimentConfig Read(YamlSection root, string text, IReadOnlyDictionary<string, string> values, int line, string what)
    {
        var section = root.WithOverrides(values);
        var config = ExperimentReader.Read(section, text, partOfSweep: true);
        section.RejectUnusedOverrides(line, what);
        return config;
    }

    private static PayoffRule ReadPayoff(YamlSection game, int ticks)
    {
        var kind = game.Choice("payoff", Payoffs, "npv") == "npv" ? PayoffKind.Npv : PayoffKind.MeanMonthlyProfit;
        var rate = game.Number("annual_discount_rate", Bounds.Between(0, 1), 0.05);
        if (kind != PayoffKind.Npv && game.Has("annual_discount_rate"))
            throw game.Error("annual_discount_rate", "applies to payoff npv only; accepted: leave it out, or payoff: npv");
        var from = game.Integer("from_month", Bounds.Between(1, ticks), 1);
        var to = game.Integer("to_month", Bounds.Between(1, ticks), ticks);
        if (kind == PayoffKind.Npv && (game.Has("from_month") || game.Has("to_month")))
            throw game.Error(game.Has("from_month") ? "from_month" : "to_month", "the NPV counts every month of the run; accepted: leave it out, or payoff: mean_monthly_profit for a window");
        if (from > to) throw game.Error("from_month", $"the window {from}-{to} is empty; accepted: from_month <= to_month");
        return new PayoffRule(kind, rate, from, to);
    }

    private static List<GamePlayer> ReadPlayers(YamlSection game, KeyOwnership ownership)
    {
        if (game.Node("players") is not YamlMappingNode map)
            throw game.Error("players", "expected a mapping of provider names to their strategies, e.g. players: { 3G-A: { flat: {...}, performance: {...} }, 3G-B: {...} }");
        if (map.Children.Count < 2)
            throw game.Error("players", $"{map.Children.Count} player(s); a game needs at least two players (providers) with strategies; for one provider's choice alone run a sweep with policies");
        var names = map.Children.Keys.Select(k => ((YamlScalarNode)k).Value ?? "").ToHashSet(StringComparer.Ordinal);
        var players = new List<GamePlayer>();
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var name = ((YamlScalarNode)keyNode).Value ?? "";
            var line = (int)keyNode.Start.Line;
            var key = $"game.players.{name}";
            if (!ownership.ProviderNames.Contains(name))
                throw new ConfigException(game.File, line, key, $"'{name}' is not a provider of this file; accepted: {string.Join(", ", ownership.ProviderNames)}");
            if (valueNode is not YamlMappingNode strategies || strategies.Children.Count == 0)
                throw new ConfigException(game.File, line, key, "the strategy list is empty; give each player at least one named strategy, e.g. flat: { \"providers[0].tariff.performance_rebate\": 0 }");
            var list = new List<GameStrategy>();
            foreach (var (sk, sv) in strategies.Children)
            {
                var strategy = ((YamlScalarNode)sk).Value ?? "";
                var sline = (int)sk.Start.Line;
                if (!Name().IsMatch(strategy))
                    throw new ConfigException(game.File, sline, $"{key}.{strategy}", "a strategy name may use letters, digits, '-' and '_' only (e.g. accept-20)");
                var overrides = ReadOverrides(game.File, sv, $"{key}.{strategy}").Overrides;
                list.Add(new GameStrategy(strategy, sline, ownership.Check(name, strategy, sline, overrides, names)));
            }
            players.Add(new GamePlayer(name, ownership.PayoffProviders(name), list));
        }
        return players;
    }

    private static List<GameRule> ReadRules(YamlSection game, List<GamePlayer> players)
    {
        var node = game.Node("rules");
        if (node is null) return [];
        if (node is not YamlSequenceNode seq)
            throw game.Error("rules", "expected a list of rules, each `- when: { PLAYER: STRATEGY }` and `set: { KEY: VALUE }`");
        var rules = new List<GameRule>();
        for (var r = 0; r < seq.Children.Count; r++)
        {
            var key = $"game.rules[{r}]";
            var line = (int)seq.Children[r].Start.Line;
            if (seq.Children[r] is not YamlMappingNode rule || rule.Children.Count != 2
                || rule.Children.Keys.Any(k => k is not YamlScalarNode { Value: "when" or "set" }))
                throw new ConfigException(game.File, line, key, "expected exactly `when: { PLAYER: STRATEGY, ... }` and `set: { KEY: VALUE, ... }`");
            var when = new Dictionary<int, int>();
            foreach (var (player, strategy) in ReadOverrides(game.File, rule.Children[new YamlScalarNode("when")], $"{key}.when").Overrides)
            {
                var i = players.FindIndex(p => p.Name == player);
                if (i < 0) throw new ConfigException(game.File, line, $"{key}.when.{player}", $"not a player; accepted: {string.Join(", ", players.Select(p => p.Name))}");
                var k = players[i].Strategies.ToList().FindIndex(s => s.Name == strategy);
                if (k < 0) throw new ConfigException(game.File, line, $"{key}.when.{player}", $"'{strategy}' is not a strategy of {player}; accepted: {string.Join(", ", players[i].Strategies.Select(s => s.Name))}");
                when[i] = k;
            }
            if (when.Count == 0) throw new ConfigException(game.File, line, $"{key}.when", "no condition; accepted: at least one PLAYER: STRATEGY");
            rules.Add(new GameRule(line, when, ReadOverrides(game.File, rule.Children[new YamlScalarNode("set")], $"{key}.set").Overrides));
        }
        return rules;
    }

    private static (int Line, Dictionary<string, string> Overrides) ReadOverrides(string file, YamlNode node, string key)
    {
        if (node is not YamlMappingNode map)
            throw new ConfigException(file, (int)node.Start.Line, key, "expected a mapping of dotted keys to values, e.g. { \"providers[0].price\": 15 }");
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Children)
        {
            if (v is not YamlScalarNode scalar)
                throw new ConfigException(file, (int)k.Start.Line, $"{key}.{k}", "expected a single value");
            overrides[((YamlScalarNode)k).Value ?? ""] = scalar.Value ?? "";
        }
        return ((int)node.Start.Line, overrides);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex Name();
}
