using MarketSim.Experiments.Planning;
using MarketSim.Experiments.Sweeps;
using MarketSim.Reports;
using MarketSim.Reports.Results;
using MathNet.Numerics.Statistics;

namespace MarketSim.Experiments.Sensitivity;

/// <summary>
/// Reads a finished sensitivity sweep (design saltelli, morris or one_at_a_time) and computes the indices of one metric.
/// Everything is read and checked before anything is written, so bad input leaves the results folder as it was.
/// Each design point's output is the mean over its replications (of the policy, or of the paired policy difference);
/// bootstrap draws are keyed by the sweep's root seed, so the same folder gives the same intervals.
/// </summary>
public static class SensitivityAnalysis
{
    /// <summary>Analyses the sweep in <paramref name="folder"/>.</summary>
    /// <exception cref="ConfigException">Not a sensitivity sweep, runs missing, unknown metric, provider, policy or window.</exception>
    public static async Task<SensitivityResult> RunAsync(string folder, SensitivityMetric metric, CancellationToken ct = default)
    {
        if (!File.Exists(Path.Combine(folder, SweepManifest.FileName)))
            throw new ConfigException(folder, 0, null, $"no {SweepManifest.FileName} here; give the results folder of a sweep (e.g. results/sensitivity)");
        var manifest = SweepManifest.Read(folder);
        var plan = PlanFile.Parse(manifest.ExperimentFile, manifest.ExperimentContent);
        if (plan.Design is not (SweepDesign.Saltelli or SweepDesign.Morris or SweepDesign.OneAtATime))
            throw new ConfigException(manifest.ExperimentFile, 0, "sweep.design",
                $"this sweep's design is {manifest.Design}; Sobol indices need design saltelli, elementary effects design morris, a tornado chart design one_at_a_time (set sweep.design and run the sweep again)");
        var policy = metric.Policy ?? plan.Policies[0];
        foreach (var p in new[] { policy, metric.Reference }.OfType<string>())
        {
            if (!plan.Policies.Contains(p))
                throw new ConfigException("command line", 0, metric.Reference is null ? "--policy" : "--policy-difference",
                    $"'{p}' is not a policy of this sweep; accepted: {string.Join(", ", plan.Policies)}");
        }
        var missing = manifest.Runs.Where(r => !File.Exists(Path.Combine(folder, r.File))).ToList();
        if (missing.Count > 0)
            throw new ConfigException(folder, 0, null,
                $"{missing.Count} of {manifest.Runs.Count} runs are not done (first: {missing[0].RunId}); every design point is needed: finish the sweep with `marketsim sweep {manifest.ExperimentFile} --out {folder} --resume`");

        var used = manifest.Runs.Where(r => r.Policy == policy || r.Policy == metric.Reference).ToList();
        var values = new Dictionary<(int Point, string Policy, int Replication), double>();
        int? lastTick = null;
        (int From, int To) window = default;
        foreach (var run in used)
        {
            var rows = await RunColumnReader.ReadAsync(Path.Combine(folder, run.File), metric.Column, ct).ConfigureAwait(false);
            if (lastTick is null)
            {
                lastTick = rows.Count == 0 ? 0 : rows.Max(r => r.Tick);
                window = (metric.From ?? Math.Min(1, lastTick.Value), metric.To ?? lastTick.Value);
                if (window.To > lastTick || window.From > window.To)
                    throw new ConfigException("command line", 0, "--window",
                        $"months {window.From}:{window.To} are outside the runs, which cover months 0 to {lastTick}; accepted: FROM:TO with 0 <= FROM <= TO <= {lastTick}");
                if (metric.Provider is not null && !rows.Any(r => r.Provider == metric.Provider))
                    throw new ConfigException("command line", 0, "--provider",
                        $"'{metric.Provider}' is not a provider of the runs; accepted: {string.Join(", ", rows.Select(r => r.Provider).Distinct())}");
            }
            var inWindow = rows.Where(r => r.Tick >= window.From && r.Tick <= window.To && (metric.Provider is null || r.Provider == metric.Provider))
                .Select(r => r.Value).ToList();
            if (inWindow.Count == 0)
                throw new ConfigException("command line", 0, "--window",
                    $"column {metric.Column} has no values in months {window.From}:{window.To} of {run.File}; choose a window with values (month 0 has no surplus, for example)");
            values[(run.Point, run.Policy, run.Replication)] = inWindow.Average();
        }

        // Per point and replication: the policy's value, or its paired difference with the reference on the same seed.
        var byReplication = used.Where(r => r.Policy == policy).ToDictionary(r => (r.Point, r.Replication),
            r => values[(r.Point, policy, r.Replication)] - (metric.Reference is null ? 0 : values[(r.Point, metric.Reference, r.Replication)]));
        var points = manifest.Runs.Max(r => r.Point) + 1;
        var output = Enumerable.Range(0, points).Select(p => Enumerable.Range(0, plan.Replications).Select(r => byReplication[(p, r)]).Mean()).ToArray();
        var names = plan.Parameters.Select(p => p.Path).ToList();
        var rowsOut = plan.Design switch
        {
            SweepDesign.Saltelli => Saltelli(output, names, plan.RootSeed),
            SweepDesign.Morris => Morris(output, plan, manifest, plan.RootSeed),
            _ => OneAtATime(byReplication, names, plan.Replications),
        };
        var label = (metric with { Policy = policy }).Describe(window.From, window.To);
        return new SensitivityResult(plan.Design, label, names, rowsOut, points, used.Count, output.Mean(), output.StandardDeviation(), output.Min(), output.Max());
    }

    private static List<IndexRow> Saltelli(double[] y, IReadOnlyList<string> names, ulong seed)
    {
        int k = names.Count, block = SensitivityDesigns.SaltelliBlock(k), n = y.Length / block;
        var fA = Enumerable.Range(0, n).Select(j => y[j * block]).ToArray();
        var fB = Enumerable.Range(0, n).Select(j => y[j * block + block - 1]).ToArray();
        var fAB = Enumerable.Range(0, k).Select(i => (IReadOnlyList<double>)Enumerable.Range(0, n).Select(j => y[j * block + 1 + i]).ToArray()).ToArray();
        var indices = SobolIndices.Estimate(fA, fB, fAB, seed);
        return names.SelectMany((name, i) => new[]
        {
            new IndexRow(name, "first_order", indices[i].First, indices[i].FirstLow, indices[i].FirstHigh),
            new IndexRow(name, "total", indices[i].Total, indices[i].TotalLow, indices[i].TotalHigh),
        }).ToList();
    }

    /// <summary>Elementary effects from consecutive points of each trajectory; steps measured on the values actually run
    /// (whole-number parameters are rounded), in units of each parameter's range.</summary>
    private static List<IndexRow> Morris(double[] y, SweepPlan plan, SweepManifest manifest, ulong seed)
    {
        var k = plan.Parameters.Count;
        var unit = Enumerable.Range(0, y.Length).Select(p => manifest.Runs.First(r => r.Point == p).Parameters).Select(values =>
            plan.Parameters.Select(par => (Number(values[par.Path]) - Number(par.Values[0])) / (Number(par.Values[1]) - Number(par.Values[0]))).ToArray()).ToArray();
        var steps = new List<ElementaryStep>();
        for (var t = 0; t < y.Length / (k + 1); t++)
        {
            for (var s = 0; s < k; s++)
            {
                int from = t * (k + 1) + s, to = from + 1;
                for (var i = 0; i < k; i++)
                {
                    var step = unit[to][i] - unit[from][i];
                    if (step != 0) steps.Add(new ElementaryStep(i, step, y[to] - y[from]));
                }
            }
        }
        var indices = MorrisEffects.Estimate(steps, k, seed);
        return plan.Parameters.SelectMany((par, i) => new[]
        {
            new IndexRow(par.Path, "mu_star", indices[i].MuStar, indices[i].MuStarLow, indices[i].MuStarHigh),
            new IndexRow(par.Path, "mu", indices[i].Mu, double.NaN, double.NaN),
            new IndexRow(par.Path, "sigma", indices[i].Sigma, double.NaN, double.NaN),
        }).ToList();
    }

    /// <summary>Change from the base point when one parameter goes to its low or high bound, paired by replication.</summary>
    private static List<IndexRow> OneAtATime(Dictionary<(int Point, int Replication), double> y, IReadOnlyList<string> names, int replications)
    {
        IndexRow Change(string name, string measure, int point)
        {
            var ci = ConfidenceInterval.Of(Enumerable.Range(0, replications).Select(r => y[(point, r)] - y[(0, r)]).ToList());
            return ci.HasWidth ? new IndexRow(name, measure, ci.Mean, ci.Lower, ci.Upper) : new IndexRow(name, measure, ci.Mean, double.NaN, double.NaN);
        }
        return names.SelectMany((name, i) => new[] { Change(name, "low_change", 2 * i + 1), Change(name, "high_change", 2 * i + 2) }).ToList();
    }

    private static double Number(string text) => double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
