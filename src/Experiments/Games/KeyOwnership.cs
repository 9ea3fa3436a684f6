using System.Globalization;
using System.Text.RegularExpressions;
using MarketSim.Experiments.Config;
using MarketSim.Reports.Results;
using YamlDotNet.RepresentationModel;

namespace MarketSim.Experiments.Games;

/// <summary>
/// Which player a dotted key belongs to. A player owns the keys of its provider entry and of its product lines
/// (`owner: PLAYER`); keys of a provider no player is (a VMPO a player hosts, an ISP outside the game) may be set
/// by one player's strategies; market-wide keys (users.*, ticks) belong to nobody. Read from the raw YAML, before
/// the experiment is validated, so the error names the strategy rather than a later consequence.
/// </summary>
internal sealed partial class KeyOwnership
{
    private readonly string file;
    private readonly List<(string Name, string Kind, string Owner)> providers = [];
    private readonly Dictionary<string, string> claimedBy = new(StringComparer.Ordinal);

    public KeyOwnership(YamlSection root)
    {
        file = root.File;
        if (root.Node("providers") is not YamlSequenceNode list) return;
        foreach (var node in list.Children)
        {
            var map = node as YamlMappingNode;
            providers.Add((Scalar(map, "name"), Scalar(map, "kind") is { Length: > 0 } k ? k : "isp", Scalar(map, "owner")));
        }
    }

    /// <summary>Provider names as listed.</summary>
    public IReadOnlyList<string> ProviderNames => providers.Select(p => p.Name).ToList();

    /// <summary>The player's own row and the rows of its product lines.</summary>
    public IReadOnlyList<string> PayoffProviders(string player)
        => providers.Where(p => p.Name == player || (p.Kind == "product_line" && p.Owner == player)).Select(p => p.Name).ToList();

    /// <summary>Expands "providers[*]" and checks that <paramref name="player"/> may set each key; returns the expanded keys.</summary>
    public Dictionary<string, string> Check(string player, string strategy, int line, IReadOnlyDictionary<string, string> overrides, ISet<string> players)
    {
        var expanded = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in overrides)
        {
            var where = $"game.players.{player}.{strategy}.{key}";
            var keys = key.Contains("[*]", StringComparison.Ordinal)
                ? Enumerable.Range(0, providers.Count).Select(i => key.Replace("[*]", $"[{i}]", StringComparison.Ordinal))
                : [key];
            foreach (var k in keys)
            {
                var m = ProviderKey().Match(k);
                if (!m.Success)
                    throw new ConfigException(file, line, where, $"'{k}' is a market-wide key, not a choice of player {player}; a strategy may set only keys of {player}'s provider entry "
                        + $"({Own(player)}); put market-wide settings in the file itself");
                var index = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                if (index >= providers.Count)
                    throw new ConfigException(file, line, where, $"the file lists {providers.Count} providers (providers[0] to providers[{providers.Count - 1}]); accepted: keys of {Own(player)}");
                var owner = OwnerOf(index, players);
                if (owner is not null && owner != player)
                {
                    throw new ConfigException(file, line, where,
                        $"providers[{index}] ({providers[index].Name}) belongs to player {owner}; a strategy of {player} may set only {player}'s own keys ({Own(player)}) "
                        + (key.Contains("[*]", StringComparison.Ordinal) ? $"and providers[*] reaches every player: write {Own(player).Split(',')[0].Replace(".*", "", StringComparison.Ordinal)}.{m.Groups[2].Value} instead" : "or a provider no player controls; to let a choice of both players decide the key, use game.rules"));
                }
                if (owner is null && claimedBy.TryGetValue(k, out var other) && other != player)
                    throw new ConfigException(file, line, where, $"player {other} already sets this key of {providers[index].Name}, which no player owns; a key may be set by one player only: move it to one player's strategies or into game.rules");
                if (owner is null) claimedBy[k] = player;
                expanded[k] = value;
            }
        }
        return expanded;
    }

    private string Own(string player)
        => string.Join(", ", providers.Select((p, i) => (p, i)).Where(x => x.p.Name == player || (x.p.Kind == "product_line" && x.p.Owner == player)).Select(x => $"providers[{x.i}].*"));

    private string? OwnerOf(int index, ISet<string> players)
    {
        var p = providers[index];
        if (players.Contains(p.Name)) return p.Name;
        if (p.Kind == "product_line" && players.Contains(p.Owner)) return p.Owner;
        return null;
    }

    private static string Scalar(YamlMappingNode? map, string key)
    {
        if (map is null) return "";
        foreach (var (k, v) in map.Children)
        {
            if (k is YamlScalarNode s && s.Value == key && v is YamlScalarNode value) return value.Value ?? "";
        }
        return "";
    }

    [GeneratedRegex(@"^providers\[(\d+)\]\.(.+)$")]
    private static partial Regex ProviderKey();
}
