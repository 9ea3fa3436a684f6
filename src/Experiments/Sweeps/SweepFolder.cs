using MarketSim.Experiments.Config;
using MarketSim.Experiments.Output;

namespace MarketSim.Experiments.Sweeps;

/// <summary>
/// Readies a sweep's results folder for the single-process runner and the cluster coordinator alike, so `--resume`
/// means the same with or without a cluster: a resumed sweep must have the same file and keeps its finished
/// runs; a fresh one drops the previous runs; unfinished (temporary) files are always removed.
/// </summary>
internal static class SweepFolder
{
    /// <summary>Prepares <paramref name="folder"/> and returns the ids of runs already complete.</summary>
    public static IReadOnlyList<string> Prepare(SweepPlan plan, string folder, bool resume)
    {
        string runsFolder = Path.Combine(folder, SweepManifest.RunsFolder);
        if (resume && File.Exists(Path.Combine(folder, SweepManifest.FileName)))
        {
            var previous = SweepManifest.Read(folder);
            if (previous.ExperimentContent != plan.SourceText)
                throw new ConfigException(plan.File, 0, null,
                    $"the file changed since the sweep in {folder} started; --resume needs the same file (run without --resume to start over)");
        }
        else
        {
            foreach (string data in new[] { runsFolder, Path.Combine(folder, SweepManifest.UsersFolder) })
            {
                if (!Directory.Exists(data)) continue;
                foreach (string file in Directory.EnumerateFiles(data, "*.parquet")) File.Delete(file);
            }
        }
        Directory.CreateDirectory(runsFolder);
        foreach (string partial in Directory.EnumerateFiles(folder, "*" + AtomicFile.TemporarySuffix, SearchOption.AllDirectories))
            File.Delete(partial);
        return plan.Runs.Where(r => File.Exists(SweepRunner.RunFile(runsFolder, r))).Select(r => r.RunId).ToList();
    }
}
