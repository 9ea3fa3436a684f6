using System.Text.Json;
using MarketSim.Reports.Results;

namespace MarketSim.Reports;

/// <summary>
/// Everything the report states about a sweep, computed in one pass over its finished runs. Run files are read
/// one (point, replication) group at a time: the group's policies share a seed, so their paired differences are
/// taken there and only running moments are kept, never the rows, so memory does not grow with replications.
/// </summary>
public sealed class SweepStatistics
{
    private readonly Dictionary<(int Point, string Policy), PolicyMoments> cells = [];
    private readonly Dictionary<(int Point, string Policy), ComparisonMoments> comparisons = [];
    private readonly List<string> providers = [];
    private readonly Dictionary<(int Point, string Policy), TickMoments> adoption = [];
    private readonly HashSet<int> adoptionVaries = [];

    private SweepStatistics(string folder, SweepManifest manifest, IReadOnlyList<string> policies)
    {
        Folder = folder;
        Manifest = manifest;
        Policies = policies;
    }

    /// <summary>The sweep's results folder.</summary>
    public string Folder { get; }

    /// <summary>The sweep manifest as read.</summary>
    public SweepManifest Manifest { get; }

    /// <summary>Policies in the manifest's order; the first is the reference every other is compared with.</summary>
    public IReadOnlyList<string> Policies { get; }

    /// <summary>The reference policy.</summary>
    public string Reference => Policies[0];

    /// <summary>Providers in the order of the first run that has them.</summary>
    public IReadOnlyList<string> Providers => providers;

    /// <summary>Design points with at least one finished run, ascending.</summary>
    public IReadOnlyList<int> Points { get; private set; } = [];

    /// <summary>Runs in the manifest.</summary>
    public int TotalRuns => Manifest.Runs.Count;

    /// <summary>Runs finished and read.</summary>
    public int DoneRuns { get; private set; }

    /// <summary>Runs of the manifest not drawn: not finished yet (still running, failed, or not started), by run id in manifest order.</summary>
    public IReadOnlyList<string> MissingRuns { get; private set; } = [];

    /// <summary>Reads the manifest and every finished run of <paramref name="resultsFolder"/>.</summary>
    /// <exception cref="ConfigException">No sweep manifest, an unreadable one, no finished run, or a finished run without its file.</exception>
    public static async Task<SweepStatistics> LoadAsync(string resultsFolder, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(resultsFolder);
        var manifest = ReadManifest(resultsFolder);
        var manifestPath = Path.Combine(resultsFolder, SweepManifest.FileName);
        var done = FinishedRuns(resultsFolder, manifest);
        if (done.Count == 0)
            throw new ConfigException(manifestPath, 0, null,
                $"no run is done yet (0 of {manifest.Runs.Count} planned runs finished): nothing to report; run or resume the sweep first");
        var policies = manifest.Policies.Concat(manifest.Runs.Select(r => r.Policy)).Distinct(StringComparer.Ordinal).ToList();
        var stats = new SweepStatistics(resultsFolder, manifest, policies);
        foreach (var group in done.GroupBy(r => (r.Point, r.Replication)).OrderBy(g => g.Key.Point).ThenBy(g => g.Key.Replication))
        {
            var series = new Dictionary<string, IReadOnlyDictionary<Series, double[]>>(StringComparer.Ordinal);
            foreach (var run in group.OrderBy(r => policies.IndexOf(r.Policy)))
            {
                if (series.ContainsKey(run.Policy))
                    throw new ConfigException(manifestPath, 0, null, $"point {run.Point}, policy '{run.Policy}', replication {run.Replication} is listed twice");
                if (!FileHash.IsInside(run.File))
                    throw new ConfigException(manifestPath, 0, null, $"run {run.RunId} names the file '{run.File}', which is not inside the results folder");
                var file = Path.Combine(resultsFolder, run.File);
                if (!File.Exists(file))
                    throw new ConfigException(manifestPath, 0, null, $"run {run.RunId} is marked done but its file {run.File} is missing");
                // Only files matching the hash recorded when they were written are read (older manifests record none).
                if (run.Sha256 is not null && !FileHash.Matches(file, run.Sha256))
                    throw new ConfigException(manifestPath, 0, null,
                        $"run {run.RunId}: {run.File} does not match the hash recorded when it was written (truncated or changed); resume the sweep with --resume to make it again");
                var trajectory = await MetricsFileReader.ReadAsync(file, ct).ConfigureAwait(false);
                series[run.Policy] = stats.AddRun(run.Point, run.Policy, trajectory);
            }
            if (!series.TryGetValue(stats.Reference, out var reference)) continue;
            foreach (var (policy, values) in series.Where(s => s.Key != stats.Reference))
            {
                stats.Comparison(group.Key.Point, policy).Add(values, reference);
            }
        }
        stats.DoneRuns = done.Count;
        var drawn = done.Select(r => r.RunId).ToHashSet(StringComparer.Ordinal);
        stats.MissingRuns = manifest.Runs.Where(r => !drawn.Contains(r.RunId)).Select(r => r.RunId).ToList();
        stats.Points = done.Select(r => r.Point).Distinct().Order().ToList();
        return stats;
    }

    /// <summary>
    /// Runs marked done in sweep.json, and runs a sweep still under way has finished since its last snapshot: those
    /// runs.log records whose file is in place and matches the recorded hash (a run's files are renamed into place
    /// before its line is appended, so such a file is whole).
    /// </summary>
    private static List<SweepRunEntry> FinishedRuns(string folder, SweepManifest manifest)
    {
        var ledger = SweepLedger.Read(folder);
        var finished = new List<SweepRunEntry>();
        foreach (var run in manifest.Runs)
        {
            if (run.Status == SweepManifest.Done)
            {
                finished.Add(run);
            }
            else if (ledger.TryGetValue(run.RunId, out var record) && FileHash.IsInside(run.File)
                && File.Exists(Path.Combine(folder, run.File)) && FileHash.Matches(Path.Combine(folder, run.File), record.Sha256))
            {
                finished.Add(run with { Status = SweepManifest.Done, Sha256 = record.Sha256 });
            }
        }
        return finished;
    }

    /// <summary>The swept parameters' values at a point (policy overrides left out), by dotted path.</summary>
    public IReadOnlyDictionary<string, string> PointParameters(int point)
    {
        var run = Manifest.Runs.FirstOrDefault(r => r.Point == point)
            ?? throw new ArgumentOutOfRangeException(nameof(point), point, "no such design point in the sweep");
        return Manifest.Parameters.Where(run.Parameters.ContainsKey).ToDictionary(p => p, p => run.Parameters[p]);
    }

    /// <summary>Finished runs (replications) of a policy at a point.</summary>
    public int Runs(int point, string policy) => Cell(point, policy)?.Runs ?? 0;

    /// <summary>Mean and 95 % interval across replications of the MPTCP-capable share of users (%), by tick.</summary>
    public IReadOnlyList<ConfidenceInterval> AdoptionBand(int point, string policy)
    {
        CheckPolicy(policy);
        return adoption.GetValueOrDefault((point, policy))?.Intervals() ?? [];
    }

    /// <summary>True if the MPTCP-capable share changes over time in some run of the point (Bass adoption or a growth
    /// line): only then does the point get an adoption figure.</summary>
    public bool AdoptionVaries(int point) => adoptionVaries.Contains(point);

    /// <summary>Mean and 95 % interval of a series across replications, by tick; empty when nothing ran.</summary>
    public IReadOnlyList<ConfidenceInterval> Band(int point, string policy, Series series)
        => Cell(point, policy)?.Bands.GetValueOrDefault(series)?.Intervals() ?? [];

    /// <summary>Mean and 95 % interval of a run statistic across replications.</summary>
    public ConfidenceInterval Statistic(int point, string policy, RunStatistic statistic)
        => Cell(point, policy)?.Statistics.GetValueOrDefault(statistic).Interval() ?? default(RunningMoments).Interval();

    /// <summary>Paired difference (policy − reference, same replication) of a series, by tick, with 95 % intervals.</summary>
    public IReadOnlyList<ConfidenceInterval> Difference(int point, string policy, Series series)
        => FindComparison(point, policy)?.Bands.GetValueOrDefault(series)?.Intervals() ?? [];

    /// <summary>Paired difference (policy − reference) of a run statistic with its 95 % interval.</summary>
    public ConfidenceInterval StatisticDifference(int point, string policy, RunStatistic statistic)
        => FindComparison(point, policy)?.Statistics.GetValueOrDefault(statistic).Interval() ?? default(RunningMoments).Interval();

    /// <summary>
    /// At the last tick: sample variance of the paired differences (policy − reference, same seed) against the
    /// variance of unpaired ones (s² policy + s² reference over the same replications). Shows what common random
    /// numbers buy: the paired variance is smaller when the policies' runs move together.
    /// </summary>
    public VarianceComparison LastTickVariances(int point, string policy, Series series)
        => FindComparison(point, policy)?.Bands.GetValueOrDefault(series)?.LastTickVariances() ?? new VarianceComparison(double.NaN, double.NaN, 0);

    private IReadOnlyDictionary<Series, double[]> AddRun(int point, string policy, RunTrajectory trajectory)
    {
        providers.AddRange(trajectory.Providers.Where(p => !providers.Contains(p)));
        var values = Series.All(trajectory.Providers).ToDictionary(s => s, trajectory.Values);
        if (!cells.TryGetValue((point, policy), out var cell)) cells.Add((point, policy), cell = new PolicyMoments());
        cell.Add(values);
        if (!adoption.TryGetValue((point, policy), out var band)) adoption.Add((point, policy), band = new TickMoments());
        band.Add(trajectory.MptcpCapablePercent);
        var known = trajectory.MptcpCapablePercent.Where(double.IsFinite).ToList();
        if (known.Count > 0 && known.Max() > known.Min()) adoptionVaries.Add(point);
        return values;
    }

    private ComparisonMoments Comparison(int point, string policy)
    {
        if (!comparisons.TryGetValue((point, policy), out var comparison)) comparisons.Add((point, policy), comparison = new ComparisonMoments());
        return comparison;
    }

    private PolicyMoments? Cell(int point, string policy)
    {
        CheckPolicy(policy);
        return cells.GetValueOrDefault((point, policy));
    }

    private ComparisonMoments? FindComparison(int point, string policy)
    {
        CheckPolicy(policy);
        if (policy == Reference) throw new ArgumentException($"'{policy}' is the reference policy; compare another policy with it.", nameof(policy));
        return comparisons.GetValueOrDefault((point, policy));
    }

    // A misspelt policy would otherwise read as "no runs" and silently produce NaN.
    private void CheckPolicy(string policy)
    {
        if (!Policies.Contains(policy)) throw new ArgumentException($"no policy '{policy}' in this sweep (policies: {string.Join(", ", Policies)})", nameof(policy));
    }

    private static SweepManifest ReadManifest(string folder)
    {
        var path = Path.Combine(folder, SweepManifest.FileName);
        if (!Directory.Exists(folder)) throw new ConfigException(folder, 0, null, "no such results folder");
        if (!File.Exists(path)) throw new ConfigException(path, 0, null, "no sweep manifest here; expected the results folder of a sweep");
        try
        {
            return SweepManifest.Read(folder);
        }
        catch (JsonException e)
        {
            throw new ConfigException(path, (int)(e.LineNumber + 1 ?? 0), null, "not a valid sweep manifest: " + e.Message);
        }
    }

    /// <summary>One policy at one point: per-tick bands and per-run statistics across replications.</summary>
    private sealed class PolicyMoments
    {
        public int Runs { get; private set; }
        public Dictionary<Series, TickMoments> Bands { get; } = [];
        public Dictionary<RunStatistic, RunningMoments> Statistics { get; } = [];

        public void Add(IReadOnlyDictionary<Series, double[]> values)
        {
            Runs++;
            foreach (var (series, byTick) in values)
            {
                if (!Bands.TryGetValue(series, out var band)) Bands.Add(series, band = new TickMoments());
                band.Add(byTick);
            }
            foreach (var statistic in values.Keys.SelectMany(s => new[] { new RunStatistic(s, Reduction.Final), new RunStatistic(s, Reduction.Mean) }))
            {
                var moments = Statistics.GetValueOrDefault(statistic);
                moments.Add(statistic.Of(values[statistic.Series]));
                Statistics[statistic] = moments;
            }
        }
    }

    /// <summary>One policy against the reference at one point, paired by replication.</summary>
    private sealed class ComparisonMoments
    {
        public Dictionary<Series, TickPairs> Bands { get; } = [];
        public Dictionary<RunStatistic, PairedMoments> Statistics { get; } = [];

        public void Add(IReadOnlyDictionary<Series, double[]> policy, IReadOnlyDictionary<Series, double[]> reference)
        {
            foreach (var (series, byTick) in policy)
            {
                if (!reference.TryGetValue(series, out var referenceByTick)) continue;
                if (!Bands.TryGetValue(series, out var band)) Bands.Add(series, band = new TickPairs());
                band.Add(byTick, referenceByTick);
                foreach (var reduction in new[] { Reduction.Final, Reduction.Mean })
                {
                    var statistic = new RunStatistic(series, reduction);
                    var moments = Statistics.GetValueOrDefault(statistic);
                    moments.Add(statistic.Of(byTick), statistic.Of(referenceByTick));
                    Statistics[statistic] = moments;
                }
            }
        }
    }
}
