using System.Globalization;
using MarketSim.Experiments.Config;
using MarketSim.Experiments.Sweeps;
using MarketSim.Reports.Results;
using YamlDotNet.RepresentationModel;

namespace MarketSim.Experiments.Calibration;

/// <summary>
/// Reads a calibration file: an experiment file in which each free parameter is written as [low, high] (as in a
/// sweep's ranges) plus a `calibration` section with the target moments. The experiment is validated at the start
/// point before anything runs.
/// </summary>
public static class CalibrationReader
{
    /// <summary>Loads and validates <paramref name="path"/>.</summary>
    public static CalibrationSpec Load(string path)
    {
        if (!File.Exists(path)) throw new ConfigException(path, 0, null, "file not found");
        return Parse(path, YamlFile.ReadText(path));
    }

    /// <summary>Validates the text of a calibration file named <paramref name="path"/> (a cluster worker re-reads the
    /// coordinator's file this way).</summary>
    public static CalibrationSpec Parse(string path, string text)
    {
        var root = YamlFile.Parse(path, text);
        var section = root.Section("calibration");
        var replications = section.Integer("replications", Bounds.Between(1, 1000), 2);
        var maxEvaluations = section.Integer("max_evaluations", Bounds.Between(1, 100_000), 100);
        var tolerance = section.Number("tolerance", Bounds.Positive, 1e-4);
        var starts = ReadStarts(section);
        var targets = ReadTargets(section);
        section.RejectUnknownKeys();

        var free = SweepReader.FindSweptParameters(root.File, root.Mapping, "").Select(p => Free(root.File, p, starts)).ToList();
        if (free.Count == 0)
            throw new ConfigException(root.File, section.Line, "calibration", "no free parameter: write each parameter to calibrate as [low, high], e.g. inertia: [2.0, 10.0]");
        foreach (var (key, (_, line)) in starts)
        {
            if (free.All(f => f.Path != key))
                throw new ConfigException(root.File, line, $"calibration.start.{key}", $"not a free parameter; accepted: {string.Join(", ", free.Select(f => f.Path))}");
        }
        var seed = (ulong)root.Integer("seed", Bounds.NonNegative, 1);
        var spec = new CalibrationSpec(path, text, root, root.Text("name"), seed, free, targets, replications, maxEvaluations, tolerance);
        var config = CalibrationExperiment.At(spec, free.Select(f => f.Start).ToArray());
        foreach (var t in targets)
        {
            if (t.To > config.Market.Ticks)
                throw new ConfigException(root.File, t.Line, "calibration.targets.window", $"months {t.From}:{t.To} go beyond the run's {config.Market.Ticks} months; accepted: FROM:TO with TO <= {config.Market.Ticks}");
            if (t.Provider is not null && config.Market.Providers.All(p => p.Name != t.Provider))
                throw new ConfigException(root.File, t.Line, "calibration.targets.provider", $"'{t.Provider}' is not an active provider; accepted: {string.Join(", ", config.Market.Providers.Select(p => p.Name))}");
        }
        return spec;
    }

    private static FreeParameter Free(string file, SweptParameter p, IReadOnlyDictionary<string, (double Value, int Line)> starts)
    {
        if (p.Values.Count != 2 || !TryNumber(p.Values[0], out var low) || !TryNumber(p.Values[1], out var high))
            throw new ConfigException(file, p.Line, p.Path, $"[{string.Join(", ", p.Values)}] is not a range; a free parameter is written [low, high] with two numbers");
        if (low >= high)
            throw new ConfigException(file, p.Line, p.Path, $"bounds reversed or equal: [{p.Values[0]}, {p.Values[1]}]; write [low, high] with low < high");
        var start = (low + high) / 2;
        if (starts.TryGetValue(p.Path, out var given))
        {
            if (given.Value <= low || given.Value >= high)
                throw new ConfigException(file, given.Line, $"calibration.start.{p.Path}", $"value {given.Value.ToString(CultureInfo.InvariantCulture)} is outside the open range ({p.Values[0]}, {p.Values[1]})");
            start = given.Value;
        }
        return new FreeParameter(p.Path, p.Line, low, high, start);
    }

    private static Dictionary<string, (double, int)> ReadStarts(YamlSection section)
    {
        var starts = new Dictionary<string, (double, int)>(StringComparer.Ordinal);
        if (section.Node("start") is not YamlMappingNode map) return starts;
        foreach (var (k, v) in map.Children)
        {
            var key = ((YamlScalarNode)k).Value ?? "";
            if (v is not YamlScalarNode scalar || !TryNumber(scalar.Value ?? "", out var value))
                throw new ConfigException(section.File, (int)k.Start.Line, $"calibration.start.{key}", "expected a number");
            starts[key] = (value, (int)k.Start.Line);
        }
        return starts;
    }

    private static List<TargetMoment> ReadTargets(YamlSection section)
    {
        var targets = section.Sections("targets").Select(t =>
        {
            var metric = t.Text("metric");
            var accepted = Output.MarketMetricsTable.Schema.GetDataFields()
                .Where(f => (Nullable.GetUnderlyingType(f.ClrType) ?? f.ClrType) is var c && (c == typeof(int) || c == typeof(long) || c == typeof(double)))
                .Select(f => f.Name).Prepend(SimulatedMoments.ChurnRate).ToList();
            if (!accepted.Contains(metric))
                throw t.Error("metric", $"'{metric}' is not a moment of the run files; accepted: {string.Join(", ", accepted)}");
            var provider = t.Has("provider") ? t.Text("provider") : null;
            var window = t.Text("window");
            var parts = window.Split(':');
            if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var from) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var to)
                || from < 1 || from > to)
                throw t.Error("window", $"'{window}' is not a window; accepted: \"FROM:TO\", whole months with 1 <= FROM <= TO");
            var value = t.Number("value", Bounds.Any);
            var se = t.Number("standard_error", Bounds.Positive);
            t.RejectUnknownKeys();
            return new TargetMoment(metric, provider, from, to, value, se, t.Line);
        }).ToList();
        if (targets.Count == 0) throw section.Error("targets", "no target moment; accepted: a list of { metric, provider, window, value, standard_error }");
        return targets;
    }

    private static bool TryNumber(string text, out double value)
        => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
