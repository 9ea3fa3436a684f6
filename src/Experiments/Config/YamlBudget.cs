using MarketSim.Reports.Results;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MarketSim.Experiments.Config;

/// <summary>
/// Walks a YAML text's events (YamlDotNet's parser is iterative, so any depth is safe here) before the node tree is
/// built, and refuses what would take the machine or crash a recursive reader: nesting deeper than
/// <see cref="InputLimits.MaxDepth"/>, a list longer than <see cref="InputLimits.MaxListLength"/>, more than
/// <see cref="InputLimits.MaxExpandedNodes"/> values once aliases are expanded, and mapping keys that are not plain
/// values. Malformed YAML is left for the tree builder to report with its own message.
/// </summary>
internal static class YamlBudget
{
    private sealed class Frame(bool isMapping, string? anchor)
    {
        public bool IsMapping { get; } = isMapping;
        public string? Anchor { get; } = anchor;
        public bool ExpectKey { get; set; } = true;
        public int Items { get; set; }
        public long Nodes { get; set; } = 1;
    }

    /// <summary>Throws a <see cref="ConfigException"/> naming the limit the text breaks.</summary>
    public static void Check(string path, string text)
    {
        var parser = new Parser(new StringReader(text));
        var stack = new Stack<Frame>();
        var anchors = new Dictionary<string, (long Nodes, bool Scalar)>(StringComparer.Ordinal);
        long total = 0;
        try
        {
            while (parser.MoveNext())
            {
                var e = parser.Current!;
                var line = (int)e.Start.Line;
                switch (e)
                {
                    case Scalar s:
                        Child(path, stack, line, scalar: true, 1);
                        if (!s.Anchor.IsEmpty) anchors[s.Anchor.Value] = (1, true);
                        total++;
                        break;
                    case AnchorAlias a:
                        var (nodes, isScalar) = anchors.GetValueOrDefault(a.Value.Value, (1, true));
                        Child(path, stack, line, isScalar, nodes);
                        total += nodes;
                        break;
                    case MappingStart or SequenceStart:
                        Child(path, stack, line, scalar: false, 0);
                        var anchor = ((NodeEvent)e).Anchor;
                        stack.Push(new Frame(e is MappingStart, anchor.IsEmpty ? null : anchor.Value));
                        total++;
                        if (stack.Count > InputLimits.MaxDepth)
                            throw new ConfigException(path, line, null, $"lists and mappings are nested more than {InputLimits.MaxDepth} deep (limit: nesting depth); the format needs at most 4");
                        break;
                    case MappingEnd or SequenceEnd:
                        var done = stack.Pop();
                        if (done.Anchor is not null) anchors[done.Anchor] = (done.Nodes, false);
                        if (stack.Count > 0) stack.Peek().Nodes += done.Nodes;
                        break;
                }
                if (total > InputLimits.MaxExpandedNodes)
                    throw new ConfigException(path, line, null, $"the file holds more than {InputLimits.MaxExpandedNodes} values once aliases (*name) are expanded (limit: alias expansion)");
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // Malformed: the tree builder reports it with the line.
        }
    }

    private static void Child(string path, Stack<Frame> stack, int line, bool scalar, long nodes)
    {
        if (stack.Count == 0) return;
        var parent = stack.Peek();
        parent.Nodes += nodes;
        if (parent.IsMapping)
        {
            if (parent.ExpectKey && !scalar)
                throw new ConfigException(path, line, null, "a mapping key is a list or a mapping; accepted: a plain key such as `price:`");
            parent.ExpectKey = !parent.ExpectKey;
            if (!parent.ExpectKey) parent.Items++;
        }
        else parent.Items++;
        if (parent.Items > InputLimits.MaxListLength)
            throw new ConfigException(path, line, null, $"a {(parent.IsMapping ? "mapping" : "list")} has more than {InputLimits.MaxListLength} entries (limit: list length)");
    }
}
