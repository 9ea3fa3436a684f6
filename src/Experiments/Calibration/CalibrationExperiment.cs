using System.Globalization;
using MarketSim.Experiments.Config;

namespace MarketSim.Experiments.Calibration;

/// <summary>The calibration file's experiment with the free parameters set to given values.</summary>
public static class CalibrationExperiment
{
    /// <summary>The validated experiment at <paramref name="values"/> (one per free parameter, in order).</summary>
    public static ExperimentConfig At(CalibrationSpec spec, IReadOnlyList<double> values)
    {
        var overrides = spec.Free.Select((f, i) => (f.Path, Value: Text(values[i]))).ToDictionary(x => x.Path, x => x.Value);
        var section = spec.Root.WithOverrides(overrides);
        section.Has("calibration");
        return ExperimentReader.Read(section, spec.Text, partOfSweep: false);
    }

    /// <summary>A value as written into overrides, traces and the calibrated file (round-trips exactly).</summary>
    public static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
