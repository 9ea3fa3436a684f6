using System.Globalization;
using System.Text;
using MarketSim.Agents.Running;
using MarketSim.Reports.Results;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace MarketSim.Experiments.Calibration;

/// <summary>One evaluation of the objective.</summary>
public sealed record CalibrationEvaluation(int Index, IReadOnlyList<double> Values, IReadOnlyList<double> Moments, double Objective, bool Reused);

/// <summary>What a calibration found.</summary>
public sealed record CalibrationResult(string Folder, IReadOnlyList<double> Best, IReadOnlyList<double> Moments, double Objective,
    IReadOnlyList<CalibrationEvaluation> Trace, bool Converged, int Reused);

/// <summary>
/// Method of simulated moments: MathNet's Nelder-Mead simplex minimises (m_sim − m_obs)' W (m_sim − m_obs) over the free
/// parameters, each evaluation running every replication on the same seeds (common random numbers, so the objective
/// is a deterministic, much smoother function of the parameters). The search runs in logistic coordinates,
/// x = low + (high − low) / (1 + e^−z), which keeps every evaluation inside the bounds without a penalty.
/// Resumable: the trace is rewritten after every evaluation; with resume, evaluations whose parameters match the trace
/// are read from it instead of run, and the deterministic search retraces its steps to where it stopped.
/// </summary>
public static class CalibrationRunner
{
    /// <summary>The objective trace, one row per evaluation.</summary>
    public const string TraceFile = "trace.csv";

    /// <summary>Copy of the calibration file, to check that --resume continues the same problem.</summary>
    public const string SourceFile = "calibration.yaml";

    /// <summary>Calibrates <paramref name="spec"/> into <paramref name="folder"/>, making the runs on this machine with
    /// <paramref name="workers"/> threads.</summary>
    public static async Task<CalibrationResult> RunAsync(CalibrationSpec spec, string folder, int workers, bool resume,
        Action<CalibrationEvaluation>? progress = null, CancellationToken ct = default)
    {
        using var system = MarketActorSystem.Create(workers, "marketsim-calibrate");
        try
        {
            return await RunAsync(spec, folder, CalibrationRuns.OnThisMachine(system, workers), resume, progress, ct).ConfigureAwait(false);
        }
        finally
        {
            await system.Terminate().ConfigureAwait(false);
        }
    }

    /// <summary>Calibrates <paramref name="spec"/> into <paramref name="folder"/>, each evaluation's runs made by
    /// <paramref name="makeRuns"/> (this machine, or a cluster: the files, hence the whole output, are the same).</summary>
    public static async Task<CalibrationResult> RunAsync(CalibrationSpec spec, string folder, EvaluationRunMaker makeRuns, bool resume,
        Action<CalibrationEvaluation>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(makeRuns);
        var previous = resume ? ReadPrevious(spec, folder) : [];
        Directory.CreateDirectory(folder);
        await AtomicFile.WriteTextAsync(Path.Combine(folder, SourceFile), spec.Text).ConfigureAwait(false);
        var scratch = Path.Combine(folder, ".evaluation");
        Directory.CreateDirectory(scratch);
        var trace = new List<CalibrationEvaluation>();
        try
        {
            double Evaluate(Vector<double> z)
            {
                ct.ThrowIfCancellationRequested();
                var values = spec.Free.Select((f, i) => f.Low + (f.High - f.Low) / (1 + Math.Exp(-z[i]))).ToArray();
                var index = trace.Count;
                CalibrationEvaluation evaluation;
                if (index < previous.Count && previous[index].Values.Select(CalibrationExperiment.Text).SequenceEqual(values.Select(CalibrationExperiment.Text)))
                {
                    evaluation = previous[index] with { Reused = true };
                }
                else
                {
                    // MathNet's optimisers call a synchronous objective; the runs themselves are asynchronous (actors or cluster).
                    var moments = SimulateAsync(spec, values, makeRuns, scratch, ct).GetAwaiter().GetResult();
                    evaluation = new CalibrationEvaluation(index, values, moments, SimulatedMoments.Objective(moments, spec.Targets), false);
                }
                trace.Add(evaluation);
                WriteTraceAsync(spec, folder, trace).GetAwaiter().GetResult();
                progress?.Invoke(evaluation);
                if (trace.Count >= spec.MaxEvaluations) throw new EvaluationBudgetSpent();
                return double.IsFinite(evaluation.Objective) ? evaluation.Objective : double.MaxValue;
            }

            var start = Vector<double>.Build.DenseOfEnumerable(spec.Free.Select(f => Logit((f.Start - f.Low) / (f.High - f.Low))));
            var step = Vector<double>.Build.Dense(spec.Free.Count, 0.5);
            bool converged;
            try
            {
                await Task.Run(() => NelderMeadSimplex.Minimum(ObjectiveFunction.Value(Evaluate), start, step, spec.Tolerance, int.MaxValue), ct).ConfigureAwait(false);
                converged = true;
            }
            catch (EvaluationBudgetSpent)
            {
                converged = false;
            }
            var best = trace.MinBy(e => e.Objective)!;
            return new CalibrationResult(folder, best.Values, best.Moments, best.Objective, trace, converged, trace.Count(e => e.Reused));
        }
        finally
        {
            if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>Makes every replication at <paramref name="values"/> and averages each moment over them, replication order.</summary>
    private static async Task<double[]> SimulateAsync(CalibrationSpec spec, double[] values, EvaluationRunMaker makeRuns, string scratch, CancellationToken ct)
    {
        var runs = CalibrationRuns.Plan(spec, values);
        await makeRuns(values, runs, scratch, ct).ConfigureAwait(false);
        var perReplication = new double[runs.Count][];
        for (var r = 0; r < runs.Count; r++)
            perReplication[r] = await SimulatedMoments.ReadAsync(CalibrationRuns.FileOf(scratch, runs[r]), spec.Targets, ct).ConfigureAwait(false);
        return Enumerable.Range(0, spec.Targets.Count).Select(i => perReplication.Average(m => m[i])).ToArray();
    }

    private static Task WriteTraceAsync(CalibrationSpec spec, string folder, IReadOnlyList<CalibrationEvaluation> trace)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(',', new[] { "evaluation" }.Concat(spec.Free.Select(f => f.Path)).Concat(spec.Targets.Select(t => "sim:" + t.Label)).Append("objective")));
        foreach (var e in trace)
            text.AppendLine(string.Join(',', new[] { e.Index.ToString(CultureInfo.InvariantCulture) }.Concat(e.Values.Select(CalibrationExperiment.Text))
                .Concat(e.Moments.Select(CalibrationExperiment.Text)).Append(CalibrationExperiment.Text(e.Objective))));
        return AtomicFile.WriteTextAsync(Path.Combine(folder, TraceFile), text.ToString());
    }

    /// <summary>The trace of an earlier run of the same file, for --resume; empty when there is none.</summary>
    private static List<CalibrationEvaluation> ReadPrevious(CalibrationSpec spec, string folder)
    {
        string source = Path.Combine(folder, SourceFile), tracePath = Path.Combine(folder, TraceFile);
        if (!File.Exists(source) || !File.Exists(tracePath)) return [];
        if (File.ReadAllText(source) != spec.Text)
            throw new ConfigException(spec.File, 0, null, $"the file changed since the calibration in {folder} started; --resume needs the same file (run without --resume to start over)");
        int k = spec.Free.Count, m = spec.Targets.Count;
        return File.ReadAllLines(tracePath).Skip(1).Where(l => l.Length > 0).Select(line =>
        {
            var cells = line.Split(',').Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray();
            return new CalibrationEvaluation((int)cells[0], cells[1..(1 + k)], cells[(1 + k)..(1 + k + m)], cells[1 + k + m], true);
        }).ToList();
    }

    private static double Logit(double u) => Math.Log(u / (1 - u));

    /// <summary>Stops the simplex when calibration.max_evaluations is reached; the best point so far is the answer.</summary>
    private sealed class EvaluationBudgetSpent : Exception;
}
