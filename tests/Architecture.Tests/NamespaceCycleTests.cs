namespace MarketSim.Architecture.Tests;

/// <summary>
/// No two MarketSim namespaces depend on each other, directly or through others: each namespace can be read,
/// tested and moved with only what it uses below it. Cycles are the strongly connected components of the namespace
/// graph (<see cref="NamespaceGraph"/>, Tarjan's algorithm).
/// </summary>
public sealed class NamespaceCycleTests
{
    /// <summary>
    /// Known cycles, each the exact set of namespaces of one strongly connected component: a ratchet. A component
    /// listed here may shrink or vanish (then shrink its entry), but a new cycle, or a namespace joining one, fails the
    /// test. Empty since issue 10 broke the last two (Transport's root and its Solver and Controllers; the Market core);
    /// keep it empty: a cycle is fixed by moving a type to the namespace it belongs to, not by listing it here.
    /// </summary>
    private static readonly string[][] Tolerated = [];

    /// <summary>Cycles that were broken and must not come back, whatever the ratchet above still tolerates.</summary>
    public static TheoryData<string, string> Broken => new()
    {
        { "MarketSim.Market.Providers", "MarketSim.Market.Learning" },
        { "MarketSim.Agents.Actors", "MarketSim.Agents.Running" },
        // Issue 10 split src/Experiments: reports, plots and the results formats left for MarketSim.Reports (which
        // references no Experiments code), and a game file is planned above both readers (Experiments.Planning).
        { "MarketSim.Experiments.Games", "MarketSim.Experiments.Sweeps" },
        { "MarketSim.Experiments.Games", "MarketSim.Reports" },
        { "MarketSim.Experiments.Sensitivity", "MarketSim.Reports" },
        { "MarketSim.Experiments.Sweeps", "MarketSim.Reports" },
        // Issue 10, the last two components. Transport: the solver's facade (FlowSolver, its options and result) went
        // into Solver, so the root is the model (networks, paths, controllers) that Solver and Controllers read.
        { "MarketSim.Transport", "MarketSim.Transport.Solver" },
        { "MarketSim.Transport", "MarketSim.Transport.Controllers" },
        { "MarketSim.Transport.Solver", "MarketSim.Transport.Controllers" },
        // Market, bottom to top: Providers (specs, structure, the throughput table laid out by it); Network and
        // Dynamics; the root (MarketSpec, PopulationSpec, DemandModel, SurplusMeasure: what a market is); Choice;
        // Population; Accounting; Pricing; PriceSetting (the setters and their PricingContext, above the oracle).
        { "MarketSim.Market", "MarketSim.Market.Providers" },
        { "MarketSim.Market", "MarketSim.Market.Accounting" },
        { "MarketSim.Market", "MarketSim.Market.Population" },
        { "MarketSim.Market", "MarketSim.Market.Pricing" },
        { "MarketSim.Market.Providers", "MarketSim.Market.Network" },
        { "MarketSim.Market.Providers", "MarketSim.Market.Pricing" },
        { "MarketSim.Market.Population", "MarketSim.Market.Choice" },
        { "MarketSim.Market.Accounting", "MarketSim.Market.Pricing" },
        { "MarketSim.Market.Pricing", "MarketSim.Market.PriceSetting" },
    };

    [Fact]
    public void No_namespace_cycles_beyond_the_known_ones()
    {
        var graph = NamespaceGraph.Build(Assemblies.All);

        var cycles = StronglyConnected(graph)
            .Where(component => component.Count > 1)
            .Where(component => !Tolerated.Any(known => component.All(known.Contains)))
            .Select(component => Describe(component.Order(StringComparer.Ordinal).ToArray(), graph))
            .ToList();

        Assert.True(cycles.Count == 0, "namespace cycles:\n" + string.Join("\n", cycles));
    }

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_broken_cycle_stays_broken(string first, string second)
    {
        var graph = NamespaceGraph.Build(Assemblies.All);

        var together = StronglyConnected(graph).Where(c => c.Contains(first) && c.Contains(second)).ToList();

        Assert.True(together.Count == 0, together.Count == 0 ? "" : Describe([.. together[0]], graph));
    }

    [Fact]
    public void Tarjan_finds_a_cycle_through_three_namespaces_and_leaves_a_chain_alone()
    {
        var graph = new Dictionary<string, SortedSet<string>>
        {
            ["A"] = ["B"],
            ["B"] = ["C"],
            ["C"] = ["A", "D"],
            ["D"] = ["E"],
            ["E"] = [],
        };

        var components = StronglyConnected(graph).Where(c => c.Count > 1).ToList();

        Assert.Equal(["A", "B", "C"], Assert.Single(components).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_graph_sees_the_layering_it_guards()
    {
        // If the reader missed dependencies the cycle test would pass vacuously: known edges must be present.
        var graph = NamespaceGraph.Build(Assemblies.All);

        Assert.Contains("MarketSim.Transport", graph["MarketSim.Market.Network"]);
        Assert.Contains("MarketSim.Agents.Actors", graph["MarketSim.Agents.Running"]);
        Assert.Contains("MarketSim.Market.Learning", graph["MarketSim.Market.Providers"]);
        // The layers issue 10 set up: the solver reads the transport model, Choice reads what a market is (the root's
        // PopulationSpec), Population reads Choice, and the price setters read the oracle.
        Assert.Contains("MarketSim.Transport", graph["MarketSim.Transport.Solver"]);
        Assert.Contains("MarketSim.Market", graph["MarketSim.Market.Choice"]);
        Assert.Contains("MarketSim.Market.Choice", graph["MarketSim.Market.Population"]);
        Assert.Contains("MarketSim.Market.Pricing", graph["MarketSim.Market.PriceSetting"]);
    }

    private static string Describe(string[] component, IReadOnlyDictionary<string, SortedSet<string>> graph)
    {
        var members = component.ToHashSet(StringComparer.Ordinal);
        var edges = component.SelectMany(from => graph[from].Where(members.Contains).Select(to => $"{from} -> {to}"));
        return $"  {{{string.Join(", ", component)}}}: {string.Join("; ", edges)}";
    }

    /// <summary>Tarjan's strongly connected components of the graph.</summary>
    private static List<List<string>> StronglyConnected(IReadOnlyDictionary<string, SortedSet<string>> graph)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var components = new List<List<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in graph.TryGetValue(node, out var targets) ? targets : [])
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[node] = Math.Min(low[node], index[next]);
                }
            }

            if (low[node] != index[node])
            {
                return;
            }

            var component = new List<string>();
            string member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                component.Add(member);
            }
            while (member != node);
            components.Add(component);
        }

        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return components;
    }
}
