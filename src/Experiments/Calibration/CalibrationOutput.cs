using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MarketSim.Experiments.Config;
using MarketSim.Reports.Results;

namespace MarketSim.Experiments.Calibration;

/// <summary>Writes calibrated.yaml (the file with the best values in place of the ranges, ready for `run` or `sweep`)
/// and fit.csv (target, simulated, error per moment).</summary>
public static partial class CalibrationOutput
{
    /// <summary>The calibrated experiment file.</summary>
    public const string CalibratedFile = "calibrated.yaml";

    /// <summary>The fit table.</summary>
    public const string FitFile = "fit.csv";

    /// <summary>Writes both files; the calibrated file is checked by the experiment reader first.</summary>
    public static async Task WriteAsync(CalibrationSpec spec, CalibrationResult result)
    {
        var calibrated = Calibrated(spec, result.Best);
        var path = Path.Combine(result.Folder, CalibratedFile);
        ExperimentReader.Read(YamlFile.Parse(path, calibrated), calibrated, partOfSweep: false);
        await AtomicFile.WriteTextAsync(path, calibrated).ConfigureAwait(false);
        var fit = new StringBuilder("target,provider,window,observed,standard_error,simulated,error,z\n");
        for (var i = 0; i < spec.Targets.Count; i++)
        {
            var t = spec.Targets[i];
            var simulated = result.Moments[i];
            fit.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{t.Metric},{t.Provider},{t.From}:{t.To},{t.Value:R},{t.StandardError:R},{simulated:R},{simulated - t.Value:R},{(simulated - t.Value) / t.StandardError:R}"));
        }
        await AtomicFile.WriteTextAsync(Path.Combine(result.Folder, FitFile), fit.ToString()).ConfigureAwait(false);
    }

    /// <summary>The file's text with each free parameter's [low, high] (and the comment after it) replaced by its value and its range,
    /// and the calibration section left out.</summary>
    public static string Calibrated(CalibrationSpec spec, IReadOnlyList<double> values)
    {
        var lines = spec.Text.Split('\n').ToList();
        for (var i = 0; i < spec.Free.Count; i++)
        {
            var at = spec.Free[i].Line - 1;
            lines[at] = Range().Replace(lines[at], CalibrationExperiment.Text(values[i]) + $"   # calibrated in [{spec.Free[i].Low.ToString(CultureInfo.InvariantCulture)}, {spec.Free[i].High.ToString(CultureInfo.InvariantCulture)}]", 1);
        }
        var start = lines.FindIndex(l => l.StartsWith("calibration:", StringComparison.Ordinal));
        if (start >= 0)
        {
            var end = lines.FindIndex(start + 1, l => l.Length > 0 && !char.IsWhiteSpace(l[0]) && !l.StartsWith('#'));
            lines.RemoveRange(start, (end < 0 ? lines.Count : end) - start);
        }
        return string.Join('\n', lines).TrimEnd() + "\n";
    }

    [GeneratedRegex(@"\[[^\]]*\].*$")]
    private static partial Regex Range();
}
