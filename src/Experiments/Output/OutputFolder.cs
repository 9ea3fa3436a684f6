using MarketSim.Reports.Results;

namespace MarketSim.Experiments.Output;

/// <summary>What a results folder holds, judged by the files MarketSim itself leaves there.</summary>
public enum FolderKind
{
    /// <summary>Missing or without any entry: anything may be written.</summary>
    Empty,

    /// <summary>A single run's folder (manifest.json, or only an unfinished staging folder of a run).</summary>
    Run,

    /// <summary>A sweep's folder (sweep.json).</summary>
    Sweep,

    /// <summary>Anything else: not MarketSim's to write into or delete from.</summary>
    Foreign,
}

/// <summary>
/// The one place that decides whether a folder given with --out may be used. An empty path would mean the working
/// directory, and the root, the home folder or a folder holding the working directory are never a results folder:
/// they are refused before anything is written, so the output folder is the only place a command writes or deletes.
/// </summary>
public static class OutputFolder
{
    /// <summary>The staging folder inside a run's folder (see <see cref="RunPublisher"/>).</summary>
    public const string StagingName = ".staging" + AtomicFile.TemporarySuffix;

    /// <summary>Returns the results folder as given (or the fallback), or throws a <see cref="ConfigException"/> (exit 2).</summary>
    public static string Resolve(string? given, string fallback, string option = "--out")
    {
        var chosen = given ?? fallback;
        if (string.IsNullOrWhiteSpace(chosen))
            throw new ConfigException("command line", 0, option, "the folder is empty; accepted: a folder path such as results/my-run (the current directory is never used as a results folder)");
        if (chosen.Any(char.IsControl))
            throw new ConfigException("command line", 0, option, "the folder name contains control characters; accepted: a printable folder path");
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(chosen));
        var cwd = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Directory.GetCurrentDirectory()));
        var home = Path.TrimEndingDirectorySeparator(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
        var rootLike = IsRoot(full)
            || (home.Length > 0 && string.Equals(full, home, StringComparison.Ordinal))
            || string.Equals(full, cwd, StringComparison.Ordinal)
            || cwd.StartsWith(full + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        if (rootLike)
            throw new ConfigException("command line", 0, option,
                $"'{chosen}' is {Describe(full, cwd, home)}, never a results folder; accepted: a folder of its own, e.g. results/my-run");
        return chosen;
    }

    /// <summary>What <paramref name="folder"/> holds.</summary>
    public static FolderKind KindOf(string folder)
    {
        if (File.Exists(folder)) return FolderKind.Foreign;
        if (!Directory.Exists(folder)) return FolderKind.Empty;
        var entries = Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).ToList();
        if (entries.Count == 0) return FolderKind.Empty;
        if (entries.Contains(SweepManifest.FileName)) return FolderKind.Sweep;
        if (entries.Contains(RunManifest.FileName) || entries.All(e => e == StagingName)) return FolderKind.Run;
        return FolderKind.Foreign;
    }

    private static bool IsRoot(string full) => string.Equals(full, Path.TrimEndingDirectorySeparator(Path.GetPathRoot(full) ?? "/"), StringComparison.Ordinal);

    private static string Describe(string full, string cwd, string home)
    {
        if (full == cwd) return "the current directory";
        if (full == home) return "the home folder";
        if (IsRoot(full)) return "the root of the file system";
        return "a folder holding the current directory";
    }
}
