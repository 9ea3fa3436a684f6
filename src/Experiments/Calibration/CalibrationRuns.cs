using System.Globalization;
using Akka.Actor;
using MarketSim.Experiments.Running;
using MarketSim.Experiments.Sweeps;
using MarketSim.Market.Randomness;

namespace MarketSim.Experiments.Calibration;

/// <summary>Makes the run files of one evaluation into <paramref name="scratch"/>, each at
/// <see cref="CalibrationRuns.FileOf"/>: on this machine's actor system, or on a cluster's worker nodes.</summary>
/// <param name="values">The free parameters' values of the evaluation, in file order.</param>
/// <param name="runs">The evaluation's runs, <see cref="CalibrationRuns.Plan"/>.</param>
/// <param name="scratch">Folder to write the files into.</param>
/// <param name="cancellation">Stops the runs.</param>
public delegate Task EvaluationRunMaker(IReadOnlyList<double> values, IReadOnlyList<PlannedRun> runs, string scratch, CancellationToken cancellation);

/// <summary>
/// The runs of one evaluation of the objective: replication r of the experiment at the evaluation's values, on the seed a
/// sweep's replication r would get, the same at every evaluation (common random numbers). Planned here alike by the
/// calibrating process and by a cluster worker that re-reads the file, so both make the very same runs.
/// </summary>
public static class CalibrationRuns
{
    /// <summary>Policy name of every calibration run (there is one policy).</summary>
    public const string Policy = "calibration";

    /// <summary>The runs at <paramref name="values"/>, replication order.</summary>
    public static IReadOnlyList<PlannedRun> Plan(CalibrationSpec spec, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var config = CalibrationExperiment.At(spec, values);
        var parameters = spec.Free.Select((f, i) => (f.Path, Value: CalibrationExperiment.Text(values[i]))).ToDictionary(p => p.Path, p => p.Value, StringComparer.Ordinal);
        return Enumerable.Range(0, spec.Replications)
            .Select(r => new PlannedRun($"{Policy}-r{r.ToString("D3", CultureInfo.InvariantCulture)}", 0, Policy, r,
                CounterRandom.DeriveSeed(spec.RootSeed, (ulong)r), parameters, config))
            .ToList();
    }

    /// <summary>Where an evaluation's run file is written.</summary>
    public static string FileOf(string scratch, PlannedRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Path.Combine(scratch, run.RunId + ".parquet");
    }

    /// <summary>Values as they travel to cluster workers: round-trip text, ';'-separated, file order.</summary>
    public static string ValuesText(IReadOnlyList<double> values) => string.Join(';', values.Select(CalibrationExperiment.Text));

    /// <summary>The values of <see cref="ValuesText"/> (exactly the same doubles).</summary>
    public static double[] ParseValues(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Split(';').Select(v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>Makes the runs on <paramref name="system"/>, <paramref name="workers"/> at a time.</summary>
    public static EvaluationRunMaker OnThisMachine(ActorSystem system, int workers) => (_, runs, scratch, ct) =>
        Parallel.ForEachAsync(runs, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = ct }, async (run, token) =>
            await RunExecutor.ExecuteAsync(system, run.Config, run.Identity(), FileOf(scratch, run), usersFile: null, token).ConfigureAwait(false));
}
