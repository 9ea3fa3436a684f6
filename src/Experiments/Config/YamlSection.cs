using System.Globalization;
using MarketSim.Reports.Results;
using YamlDotNet.RepresentationModel;

namespace MarketSim.Experiments.Config;

/// <summary>
/// A mapping in a YAML file, read key by key with validation. Every error names the file, line and dotted key.
/// Keys read are remembered so that <see cref="RejectUnknownKeys"/> can list a typo together with what is accepted.
/// </summary>
public sealed class YamlSection
{
    private readonly YamlMappingNode node;
    private readonly HashSet<string> known = new(StringComparer.Ordinal);
    private readonly Overrides overrides;

    internal YamlSection(string file, string path, YamlMappingNode node, Overrides? overrides = null)
    {
        File = file;
        Path = path;
        this.node = node;
        this.overrides = overrides ?? Overrides.None;
    }

    /// <summary>
    /// The same mapping read with some scalar values replaced, keyed by dotted path (e.g. "users.mptcp_share",
    /// "providers[1].price"): how a sweep turns one file into many runs while errors keep the file's lines.
    /// </summary>
    public YamlSection WithOverrides(IReadOnlyDictionary<string, string> values) => new(File, Path, node, new Overrides(values));

    /// <summary>Fails if an override named a key that no reader asked for (a typo in a sweep's policy, say).</summary>
    public void RejectUnusedOverrides(int line, string what)
    {
        foreach (var key in overrides.Values.Keys)
        {
            if (!overrides.Used.Contains(key))
                throw new ConfigException(File, line, key, $"{what} sets a key the experiment does not have; use dotted paths such as users.mptcp_share or providers[0].price");
        }
    }

    /// <summary>The file the section came from.</summary>
    public string File { get; }

    /// <summary>Dotted path of this section ("" at the top).</summary>
    public string Path { get; }

    /// <summary>1-based line of the section.</summary>
    public int Line => (int)node.Start.Line;

    /// <summary>True if the key is present in the file.</summary>
    public bool Has(string key)
    {
        known.Add(key);
        return Find(key) is not null;
    }

    /// <summary>True if the key is given, in the file or by a sweep override.</summary>
    public bool IsSet(string key) => Has(key) || overrides.Values.ContainsKey(Join(key));

    /// <summary>The raw node of a key, for tools that look at the tree itself (the sweep planner).</summary>
    public YamlNode? Node(string key)
    {
        known.Add(key);
        return Find(key);
    }

    /// <summary>The mapping node of this section.</summary>
    public YamlMappingNode Mapping => node;

    /// <summary>A required number within bounds.</summary>
    public double Number(string key, Bounds bounds) => NumberOr(key, bounds, null);

    /// <summary>A number within bounds, or the default when the key is absent.</summary>
    public double Number(string key, Bounds bounds, double fallback) => NumberOr(key, bounds, fallback);

    /// <summary>A required whole number within bounds.</summary>
    public int Integer(string key, Bounds bounds) => IntegerOr(key, bounds, null);

    /// <summary>A whole number within bounds, or the default.</summary>
    public int Integer(string key, Bounds bounds, int fallback) => IntegerOr(key, bounds, fallback);

    /// <summary>A required non-empty string.</summary>
    public string Text(string key) => TextOr(key, null);

    /// <summary>A string, or the default.</summary>
    public string Text(string key, string fallback) => TextOr(key, fallback);

    /// <summary>One of the accepted words (case-sensitive, as written in the docs).</summary>
    public string Choice(string key, IReadOnlyList<string> accepted, string? fallback = null)
    {
        var value = TextOr(key, fallback);
        if (!accepted.Contains(value))
            throw Error(key, $"'{value}' is not accepted; accepted: {string.Join(", ", accepted)}");
        return value;
    }

    /// <summary>A list of plain values (e.g. <c>links: [wifi, core]</c>); empty when the key is absent.</summary>
    public IReadOnlyList<(string Value, int Line)> TextList(string key)
    {
        known.Add(key);
        var value = Find(key);
        if (value is null) return [];
        if (value is not YamlSequenceNode seq || !seq.Children.All(c => c is YamlScalarNode))
            throw Error(key, "expected a list of values, e.g. [a, b]");
        return seq.Children.Select(c => (((YamlScalarNode)c).Value ?? "", (int)c.Start.Line)).ToList();
    }

    /// <summary>A required nested mapping.</summary>
    public YamlSection Section(string key)
    {
        var value = Require(key);
        if (value is not YamlMappingNode map) throw Error(key, "expected a mapping of keys");
        return new YamlSection(File, Join(key), map, overrides);
    }

    /// <summary>A nested mapping, or null when the key is absent.</summary>
    public YamlSection? OptionalSection(string key) => Has(key) ? Section(key) : null;

    /// <summary>A sequence of mappings: required and non-empty unless <paramref name="optional"/> (then absent or empty is fine).</summary>
    public IReadOnlyList<YamlSection> Sections(string key, bool optional = false)
    {
        if (optional && !Has(key)) return [];
        var value = Require(key);
        if (value is not YamlSequenceNode seq) throw Error(key, "expected a list of mappings (lines starting with '- ')");
        if (seq.Children.Count == 0 && !optional) throw Error(key, "the list is empty; at least one entry is needed");
        var list = new List<YamlSection>();
        for (var i = 0; i < seq.Children.Count; i++)
        {
            if (seq.Children[i] is not YamlMappingNode map)
                throw new ConfigException(File, (int)seq.Children[i].Start.Line, $"{Join(key)}[{i}]", "expected a mapping of keys");
            list.Add(new YamlSection(File, $"{Join(key)}[{i}]", map, overrides));
        }
        return list;
    }

    /// <summary>Fails on any key that no reader asked for, listing the accepted keys.</summary>
    public void RejectUnknownKeys()
    {
        foreach (var entry in node.Children)
        {
            var key = ((YamlScalarNode)entry.Key).Value ?? "";
            if (!known.Contains(key))
                throw new ConfigException(File, (int)entry.Key.Start.Line, Join(key),
                    $"unknown key; accepted here: {string.Join(", ", known.Order(StringComparer.Ordinal))}");
        }
    }

    /// <summary>An error about a key of this section, at the key's line (or the section's when it is missing).</summary>
    public ConfigException Error(string key, string problem)
    {
        var entry = FindEntry(key);
        var line = entry is null ? Line : (int)entry.Value.Value.Start.Line;
        return new ConfigException(File, line, Join(key), problem);
    }

    private double NumberOr(string key, Bounds bounds, double? fallback)
    {
        var scalar = ScalarOr(key, fallback is null);
        if (scalar is null) return fallback!.Value;
        if (!double.TryParse(scalar, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            throw Error(key, $"'{scalar}' is not a number; accepted: {bounds.Describe()}");
        if (!bounds.Contains(value)) throw Error(key, $"value {scalar} is out of range; accepted: {bounds.Describe()}");
        return value;
    }

    private int IntegerOr(string key, Bounds bounds, int? fallback)
    {
        var scalar = ScalarOr(key, fallback is null);
        if (scalar is null) return fallback!.Value;
        if (!int.TryParse(scalar, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            throw Error(key, $"'{scalar}' is not a whole number; accepted: a whole {bounds.Describe()[2..]}");
        if (!bounds.Contains(value)) throw Error(key, $"value {scalar} is out of range; accepted: a whole {bounds.Describe()[2..]}");
        return value;
    }

    private string TextOr(string key, string? fallback)
    {
        var scalar = ScalarOr(key, fallback is null);
        if (scalar is null) return fallback!;
        if (scalar.Length == 0) throw Error(key, "the value is empty; a non-empty text is needed");
        return scalar;
    }

    private string? ScalarOr(string key, bool required)
    {
        known.Add(key);
        if (overrides.Values.TryGetValue(Join(key), out var replaced))
        {
            overrides.Used.Add(Join(key));
            return replaced;
        }
        var value = Find(key);
        if (value is null)
        {
            if (required) throw Error(key, "missing required key");
            return null;
        }
        if (value is not YamlScalarNode scalar)
            throw Error(key, value is YamlSequenceNode
                ? "expected a single value, got a list (lists of values are swept by `marketsim sweep`, not `run`)"
                : "expected a single value, got a mapping");
        return scalar.Value ?? "";
    }

    private YamlNode Require(string key)
    {
        known.Add(key);
        return Find(key) ?? throw Error(key, "missing required key");
    }

    private YamlNode? Find(string key) => FindEntry(key)?.Value;

    private KeyValuePair<YamlNode, YamlNode>? FindEntry(string key)
    {
        foreach (var entry in node.Children)
        {
            if (entry.Key is YamlScalarNode s && s.Value == key) return entry;
        }
        return null;
    }

    /// <summary>Replacement values shared by a section and all sections below it, with the keys actually read.</summary>
    internal sealed class Overrides(IReadOnlyDictionary<string, string> values)
    {
        public static Overrides None => new(new Dictionary<string, string>());

        public IReadOnlyDictionary<string, string> Values { get; } = values;

        public HashSet<string> Used { get; } = new(StringComparer.Ordinal);
    }

    private string Join(string key) => Path.Length == 0 ? key : $"{Path}.{key}";
}
