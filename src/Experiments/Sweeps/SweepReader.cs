using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using MarketSim.Experiments.Config;
using MarketSim.Market.Randomness;
using MarketSim.Reports.Results;
using YamlDotNet.RepresentationModel;

namespace MarketSim.Experiments.Sweeps;

/// <summary>
/// Reads a sweep file: an experiment file in which any value written as a list is swept, plus a `sweep` section
/// (design, samples, replications, policies). Every run is planned and validated before anything runs.
/// </summary>
public static partial class SweepReader
{
    private static readonly string[] Designs = ["grid", "random", "latin_hypercube", "sobol", "saltelli", "morris", "one_at_a_time"];

    /// <summary>Loads, expands and validates the sweep, refusing more than <paramref name="maxRuns"/> planned runs.</summary>
    public static SweepPlan Load(string path, int maxRuns = InputLimits.DefaultMaxRuns)
    {
        var text = YamlFile.ReadText(path);
        return Plan(YamlFile.Parse(path, text), path, text, maxRuns);
    }

    /// <summary>Plans a sweep (not a game: see <see cref="Planning.PlanFile"/>) from text that came from <paramref name="path"/>.</summary>
    public static SweepPlan Parse(string path, string text, int maxRuns = InputLimits.MaxRuns) => Plan(YamlFile.Parse(path, text), path, text, maxRuns);

    /// <summary>Plans the sweep of an already parsed file.</summary>
    internal static SweepPlan Plan(YamlSection root, string path, string text, int maxRuns)
    {
        var sweep = root.Section("sweep");
        var design = sweep.Choice("design", Designs, "grid") switch
        {
            "random" => SweepDesign.Random,
            "latin_hypercube" => SweepDesign.LatinHypercube,
            "sobol" => SweepDesign.Sobol,
            "saltelli" => SweepDesign.Saltelli,
            "morris" => SweepDesign.Morris,
            "one_at_a_time" => SweepDesign.OneAtATime,
            _ => SweepDesign.Grid,
        };
        var samples = design is SweepDesign.Grid or SweepDesign.OneAtATime ? 0 : sweep.Integer("samples", Bounds.Between(1, 100_000));
        if (design is SweepDesign.Sobol or SweepDesign.Saltelli && !BitOperations.IsPow2(samples))
            throw sweep.Error("samples", $"value {samples} is not a power of two; Sobol points are balanced only in powers of two: use {BitOperations.RoundUpToPowerOf2((uint)samples)} or {BitOperations.RoundUpToPowerOf2((uint)samples) / 2}");
        var replications = sweep.Integer("replications", Bounds.Between(1, 100_000), 1);
        var policies = ReadPolicies(sweep);
        sweep.RejectUnknownKeys();

        var parameters = FindSweptParameters(root.File, root.Mapping, "");
        CheckParameters(root.File, design, parameters);
        if (design == SweepDesign.Sobol && parameters.Count > SobolSequence.MaxDimensions)
            throw sweep.Error("design", $"Sobol supports at most {SobolSequence.MaxDimensions} swept parameters, the file sweeps {parameters.Count}; use latin_hypercube");
        if (design == SweepDesign.Saltelli && 2 * parameters.Count > SobolSequence.MaxDimensions)
            throw sweep.Error("design", $"saltelli supports at most {SobolSequence.MaxDimensions / 2} swept parameters, the file sweeps {parameters.Count}; screen them first with design morris");
        if (design != SweepDesign.Grid && parameters.Count == 0)
            throw sweep.Error("design", $"design {Designs[(int)design]} needs at least one swept parameter written as [low, high]");

        CheckRunCount(sweep, design, samples, replications, policies.Count, parameters, maxRuns);

        var rootSeed = (ulong)root.Integer("seed", Bounds.NonNegative, 1);
        var points = DesignPoints.Generate(design, parameters, samples, CounterRandom.DeriveSeed(rootSeed, ulong.MaxValue));
        var providerCount = root.Node("providers") is YamlSequenceNode seq ? seq.Children.Count : 0;
        var runs = new List<PlannedRun>();
        for (var p = 0; p < points.Count; p++)
        {
            foreach (var (policy, policyLine, overrides) in policies)
            {
                var values = new Dictionary<string, string>(points[p]);
                foreach (var (key, value) in ExpandWildcards(overrides, providerCount))
                {
                    if (values.ContainsKey(key))
                        throw new ConfigException(root.File, policyLine, $"sweep.policies.{policy}.{key}", "this key is also swept; a policy may only set fixed keys");
                    values[key] = value;
                }
                var section = root.WithOverrides(values);
                var config = ExperimentReader.Read(section, text, partOfSweep: true);
                section.RejectUnusedOverrides(policyLine, $"policy '{policy}'");
                for (var r = 0; r < replications; r++)
                {
                    var seed = CounterRandom.DeriveSeed(rootSeed, (ulong)r);
                    runs.Add(new PlannedRun($"p{p:D3}-{policy}-r{r:D3}", p, policy, r, seed, values, config with { Seed = seed }));
                }
            }
        }
        var name = runs[0].Config.Market.Name;
        return new SweepPlan(path, text, name, rootSeed, design, samples, replications, parameters,
            policies.Select(x => x.Name).ToList(), runs);
    }

    private static List<(string Name, int Line, Dictionary<string, string> Overrides)> ReadPolicies(YamlSection sweep)
    {
        var node = sweep.Node("policies");
        if (node is null) return [("base", sweep.Line, new Dictionary<string, string>())];
        if (node is not YamlMappingNode map || map.Children.Count == 0)
            throw sweep.Error("policies", "expected a mapping of policy names to the keys they set, e.g. flat: { tariff_regime: flat }");
        var list = new List<(string, int, Dictionary<string, string>)>();
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var name = ((YamlScalarNode)keyNode).Value ?? "";
            var line = (int)keyNode.Start.Line;
            if (!PolicyName().IsMatch(name))
                throw new ConfigException(sweep.File, line, $"sweep.policies.{name}", "a policy name may use letters, digits, '-' and '_' only");
            if (valueNode is not YamlMappingNode settings)
                throw new ConfigException(sweep.File, line, $"sweep.policies.{name}", "expected a mapping of dotted keys to values, e.g. { tariff_regime: flat }");
            var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (k, v) in settings.Children)
            {
                if (v is not YamlScalarNode scalar)
                    throw new ConfigException(sweep.File, (int)k.Start.Line, $"sweep.policies.{name}.{k}", "expected a single value");
                overrides[((YamlScalarNode)k).Value ?? ""] = scalar.Value ?? "";
            }
            list.Add((name, line, overrides));
        }
        return list;
    }

    /// <summary>"providers[*].x" sets x for every provider.</summary>
    private static IEnumerable<(string Key, string Value)> ExpandWildcards(Dictionary<string, string> overrides, int providers)
    {
        foreach (var (key, value) in overrides)
        {
            if (key.Contains("[*]", StringComparison.Ordinal))
            {
                for (var i = 0; i < providers; i++) yield return (key.Replace("[*]", $"[{i}]", StringComparison.Ordinal), value);
            }
            else yield return (key, value);
        }
    }

    /// <summary>Every list of plain values in the file (outside the `sweep` section) is a swept parameter.</summary>
    internal static List<SweptParameter> FindSweptParameters(string file, YamlNode node, string path)
    {
        var found = new List<SweptParameter>();
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (k, v) in map.Children)
                {
                    var key = ((YamlScalarNode)k).Value ?? "";
                    if (path.Length == 0 && key == "sweep") continue;
                    found.AddRange(FindSweptParameters(file, v, path.Length == 0 ? key : $"{path}.{key}"));
                }
                break;
            case YamlSequenceNode seq when seq.Children.All(c => c is YamlScalarNode):
                found.Add(new SweptParameter(path, (int)seq.Start.Line, seq.Children.Select(c => ((YamlScalarNode)c).Value ?? "").ToList()));
                break;
            case YamlSequenceNode seq:
                for (var i = 0; i < seq.Children.Count; i++) found.AddRange(FindSweptParameters(file, seq.Children[i], $"{path}[{i}]"));
                break;
        }
        return found;
    }

    /// <summary>Counts the runs before any is planned (a grid's points multiply), refusing more than the limit.</summary>
    private static void CheckRunCount(YamlSection sweep, SweepDesign design, int samples, int replications, int policies,
        IReadOnlyList<SweptParameter> parameters, int maxRuns)
    {
        var points = design == SweepDesign.Grid ? parameters.Aggregate(1.0, (n, p) => n * Math.Max(1, p.Values.Count)) : samples;
        var runs = points * policies * replications;
        if (runs > maxRuns)
            throw sweep.Error("replications", string.Create(CultureInfo.InvariantCulture,
                $"the sweep plans {runs:G6} runs ({points:G6} points x {policies} policies x {replications} replications) (limit: planned runs, {maxRuns}); accepted: fewer values or replications, or raise the limit with --max-runs (at most {InputLimits.MaxRuns})"));
    }

    private static void CheckParameters(string file, SweepDesign design, IReadOnlyList<SweptParameter> parameters)
    {
        foreach (var p in parameters)
        {
            // The name is the results folder and the sweep's identity: it cannot vary between runs.
            if (p.Path == "name")
                throw new ConfigException(file, p.Line, p.Path, "the experiment name is written as a list; accepted: one name (the sweep's results folder); sweep other keys");
            if (p.Values.Count == 0)
                throw new ConfigException(file, p.Line, p.Path, "empty sweep list; give at least one value, or a single value to keep it fixed");
            if (design == SweepDesign.Grid) continue;
            if (p.Values.Count != 2 || !TryNumber(p.Values[0], out var low) || !TryNumber(p.Values[1], out var high))
                throw new ConfigException(file, p.Line, p.Path, $"[{string.Join(", ", p.Values)}] is not a range; design {Designs[(int)design]} needs [low, high] with two numbers");
            if (low >= high)
                throw new ConfigException(file, p.Line, p.Path, $"bounds reversed or equal: [{p.Values[0]}, {p.Values[1]}]; write [low, high] with low < high, e.g. [{p.Values[1]}, {p.Values[0]}]");
        }
    }

    private static bool TryNumber(string text, out double value)
        => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex PolicyName();
}
