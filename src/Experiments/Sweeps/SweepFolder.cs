using System.Text.Json;
using MarketSim.Experiments.Output;
using MarketSim.Reports.Results;

namespace MarketSim.Experiments.Sweeps;

/// <summary>A sweep's folder, ready: the runs verified complete (by the hashes recorded when they were written) and
/// what the user should be told (runs whose file did not match and will be made again).</summary>
public sealed record SweepStart(IReadOnlyDictionary<string, RunRecord> Done, IReadOnlyList<string> Notes);

/// <summary>
/// Readies a sweep's results folder for the single-process runner and the cluster coordinator alike. The folder must
/// be empty or this very sweep's (its sweep.json holds the same file); anything else is refused before anything is
/// written. Only files the previous sweep.json lists (run files, per-user files), the run log, and this sweep's own
/// temporary files are ever deleted. `--resume` keeps a run only when its file matches the hash recorded when it was
/// written; a fresh start removes the recorded files.
/// </summary>
public static class SweepFolder
{
    /// <summary>Checks and prepares <paramref name="folder"/>.</summary>
    public static SweepStart Prepare(SweepPlan plan, string folder, bool resume)
    {
        var previous = CheckOwnership(plan, folder);
        var runsFolder = Path.Combine(folder, SweepManifest.RunsFolder);
        if (previous is not null && !resume)
        {
            foreach (var entry in previous.Runs)
            {
                foreach (var file in new[] { entry.File, entry.UsersFile })
                {
                    if (file is not null && IsDataFile(file)) File.Delete(Path.Combine(folder, file));
                }
            }
            File.Delete(Path.Combine(folder, SweepLedger.FileName));
        }
        Directory.CreateDirectory(runsFolder);
        DeleteOwnTemporaryFiles(plan, folder);
        if (previous is null || !resume) return new SweepStart(new Dictionary<string, RunRecord>(), []);

        var recorded = previous.Runs.Where(r => r.Sha256 is not null)
            .ToDictionary(r => r.RunId, r => new RunRecord(r.RunId, r.Sha256!, r.UsersSha256), StringComparer.Ordinal);
        foreach (var (id, record) in SweepLedger.Read(folder)) recorded[id] = record;
        var done = new Dictionary<string, RunRecord>(StringComparer.Ordinal);
        var notes = new List<string>();
        foreach (var run in plan.Runs)
        {
            var file = SweepRunner.RunFile(runsFolder, run);
            var exists = File.Exists(file);
            if (!recorded.TryGetValue(run.RunId, out var record))
            {
                if (exists) notes.Add($"run {run.RunId}: {file} was not recorded as complete (interrupted while written?); running it again");
                continue;
            }
            var usersOk = !run.Config.PerUserOutput || FileHash.Matches(SweepRunner.UsersFile(folder, run), record.UsersSha256);
            if (FileHash.Matches(file, record.Sha256) && usersOk) done[run.RunId] = record;
            else notes.Add($"run {run.RunId}: {(exists ? "its file does not match the hash recorded when it was written (truncated or changed)" : "its file is missing")}; running it again");
        }
        return new SweepStart(done, notes);
    }

    /// <summary>The previous manifest when the folder is this sweep's, null when it is empty; refuses anything else.</summary>
    private static SweepManifest? CheckOwnership(SweepPlan plan, string folder)
    {
        switch (OutputFolder.KindOf(folder))
        {
            case FolderKind.Empty:
                return null;
            case FolderKind.Run:
                throw Refuse(folder, "holds a single run's results (manifest.json)");
            case FolderKind.Foreign:
                throw Refuse(folder, "is not empty and holds no sweep.json: it is not a sweep's results folder");
        }
        SweepManifest previous;
        try
        {
            previous = SweepManifest.Read(folder);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or NotSupportedException)
        {
            throw Refuse(folder, $"has an unreadable {SweepManifest.FileName} ({e.Message.Split('\n')[0]})");
        }
        if (previous.ExperimentContent != plan.SourceText)
            throw Refuse(folder, $"holds a sweep of another file (its {SweepManifest.FileName} records different content; --resume needs the same file)");
        return previous;
    }

    private static ConfigException Refuse(string folder, string why)
        => new("command line", 0, "--out", $"{folder} {why}; accepted: an empty or new folder, or this same sweep's folder (remove the folder yourself to reuse it)");

    /// <summary>A run or per-user file as this program names them: runs/NAME.parquet or user_metrics/NAME.parquet.</summary>
    private static bool IsDataFile(string relative)
    {
        if (!FileHash.IsInside(relative)) return false;
        var parts = relative.Split('/', '\\');
        return parts.Length == 2 && parts[0] is SweepManifest.RunsFolder or SweepManifest.UsersFolder
            && parts[1].EndsWith(".parquet", StringComparison.Ordinal);
    }

    /// <summary>Temporary files of this sweep's own writes (".RUN.parquet.PID.GUID.partial", ".sweep.json.….partial").</summary>
    private static void DeleteOwnTemporaryFiles(SweepPlan plan, string folder)
    {
        var ids = plan.Runs.Select(r => r.RunId).ToHashSet(StringComparer.Ordinal);
        foreach (var sub in new[] { SweepManifest.RunsFolder, SweepManifest.UsersFolder })
        {
            var dir = Path.Combine(folder, sub);
            if (!Directory.Exists(dir)) continue;
            foreach (var path in Directory.EnumerateFiles(dir, ".*.parquet.*" + AtomicFile.TemporarySuffix))
            {
                var name = Path.GetFileName(path);
                var end = name.IndexOf(".parquet.", StringComparison.Ordinal);
                if (end > 1 && ids.Contains(name[1..end])) File.Delete(path);
            }
        }
        foreach (var path in Directory.EnumerateFiles(folder, "." + SweepManifest.FileName + ".*" + AtomicFile.TemporarySuffix))
            File.Delete(path);
    }
}
