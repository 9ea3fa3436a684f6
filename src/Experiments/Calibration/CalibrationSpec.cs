using MarketSim.Experiments.Config;

namespace MarketSim.Experiments.Calibration;

/// <summary>A parameter the calibration may move, written in the file as [low, high].</summary>
/// <param name="Path">Dotted path, e.g. users.inertia.</param>
/// <param name="Line">Line of the list in the file.</param>
/// <param name="Low">Lower bound.</param>
/// <param name="High">Upper bound (> low).</param>
/// <param name="Start">Where the search starts (calibration.start, default the middle of the range).</param>
public sealed record FreeParameter(string Path, int Line, double Low, double High, double Start);

/// <summary>An observed moment the simulated one should match.</summary>
/// <param name="Metric">churn_rate (churn_out over the previous month's subscribers) or any numeric column of the run files.</param>
/// <param name="Provider">Only this provider's rows; null for all rows (market-wide columns).</param>
/// <param name="From">First month averaged.</param>
/// <param name="To">Last month averaged.</param>
/// <param name="Value">The observed value.</param>
/// <param name="StandardError">Its standard error; the weight is 1 / se² (diagonal W of inverse variances).</param>
/// <param name="Line">Line of the target in the file.</param>
public sealed record TargetMoment(string Metric, string? Provider, int From, int To, double Value, double StandardError, int Line)
{
    /// <summary>A short label, e.g. "churn_rate 3G-A 12:48".</summary>
    public string Label => $"{Metric}{(Provider is null ? "" : " " + Provider)} {From}:{To}";
}

/// <summary>A validated calibration file.</summary>
/// <param name="File">The file as named.</param>
/// <param name="Text">Its text (kept in the output so --resume can check it did not change).</param>
/// <param name="Root">The parsed document, to build the experiment at any parameter values.</param>
/// <param name="Name">Experiment name.</param>
/// <param name="RootSeed">The file's seed; replication r runs on the seed a sweep's replication r would get.</param>
/// <param name="Free">Free parameters, in file order.</param>
/// <param name="Targets">Target moments.</param>
/// <param name="Replications">Seeds per evaluation, the same at every evaluation (common random numbers).</param>
/// <param name="MaxEvaluations">Most objective evaluations (each runs every replication).</param>
/// <param name="Tolerance">Nelder-Mead's convergence tolerance on the objective.</param>
public sealed record CalibrationSpec(string File, string Text, YamlSection Root, string Name, ulong RootSeed, IReadOnlyList<FreeParameter> Free,
    IReadOnlyList<TargetMoment> Targets, int Replications, int MaxEvaluations, double Tolerance);
