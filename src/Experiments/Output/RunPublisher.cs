using MarketSim.Reports.Results;

namespace MarketSim.Experiments.Output;

/// <summary>
/// Publishes a run's files as one set. Everything is written under a staging folder inside the results folder
/// (<see cref="OutputFolder.StagingName"/>); the staged manifest, written last, names every file with its SHA-256,
/// and only then are the files moved into place, the manifest last, and files the previous manifest listed but the
/// new one does not are removed. Until the staged manifest exists the previous set is untouched; once it exists the
/// move is finished by whichever command next opens the folder (roll forward), so a kill at any moment leaves
/// either the previous complete set or the new one. Only files a manifest lists are ever moved or deleted.
/// </summary>
public sealed class RunPublisher
{
    private RunPublisher(string folder)
    {
        Folder = folder;
        Staging = Path.Combine(folder, OutputFolder.StagingName);
    }

    /// <summary>The results folder.</summary>
    public string Folder { get; }

    /// <summary>Where the run writes its files until <see cref="CommitAsync"/>.</summary>
    public string Staging { get; }

    /// <summary>Checks the folder is empty or a run's, finishes or drops an earlier run's staging, and opens a fresh one.</summary>
    public static RunPublisher Begin(string folder)
    {
        var kind = OutputFolder.KindOf(folder);
        if (kind == FolderKind.Sweep)
            throw new ConfigException("command line", 0, "--out", $"{folder} holds a sweep's results (sweep.json); accepted: an empty folder or a single run's results folder");
        if (kind == FolderKind.Foreign)
            throw new ConfigException("command line", 0, "--out", $"{folder} is not empty and is not a MarketSim run's results folder (no manifest.json); accepted: an empty or new folder");
        var publisher = Recover(folder);
        Directory.CreateDirectory(publisher.Staging);
        return publisher;
    }

    /// <summary>Finishes a publication a killed process left half done, or drops an unfinished staging folder: what
    /// every run does first when it opens a results folder.</summary>
    public static RunPublisher Recover(string folder)
    {
        var publisher = new RunPublisher(folder);
        if (!Directory.Exists(publisher.Staging)) return publisher;
        if (File.Exists(Path.Combine(publisher.Staging, RunManifest.FileName))) publisher.MoveIntoPlace();
        if (Directory.Exists(publisher.Staging)) Directory.Delete(publisher.Staging, recursive: true);
        return publisher;
    }

    /// <summary>Hashes the staged files, writes the staged manifest (the commit point), then moves the set into place.</summary>
    public async Task<RunManifest> CommitAsync(RunManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var hashes = manifest.Files.ToDictionary(f => f, f => FileHash.Of(Path.Combine(Staging, f)), StringComparer.Ordinal);
        var complete = manifest with { FileHashes = hashes };
        await complete.WriteAsync(Path.Combine(Staging, RunManifest.FileName)).ConfigureAwait(false);
        MoveIntoPlace();
        Directory.Delete(Staging, recursive: true);
        return complete;
    }

    /// <summary>True if the folder's manifest lists hashes and every listed file matches its hash.</summary>
    public static bool IsComplete(string folder)
    {
        var path = Path.Combine(folder, RunManifest.FileName);
        if (!File.Exists(path)) return false;
        var manifest = RunManifest.Read(path);
        return manifest.FileHashes is { } hashes && manifest.Files.All(f =>
            FileHash.IsInside(f) && hashes.TryGetValue(f, out var h) && FileHash.Matches(Path.Combine(folder, f), h));
    }

    private void MoveIntoPlace()
    {
        var staged = RunManifest.Read(Path.Combine(Staging, RunManifest.FileName));
        var oldPath = Path.Combine(Folder, RunManifest.FileName);
        var previous = File.Exists(oldPath) ? TryRead(oldPath) : null;
        foreach (var file in staged.Files.Where(FileHash.IsInside))
        {
            var from = Path.Combine(Staging, file);
            if (!File.Exists(from)) continue;   // moved before an interruption
            var to = Path.Combine(Folder, file);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Move(from, to, overwrite: true);
        }
        if (previous is not null)
        {
            foreach (var file in previous.Files.Where(FileHash.IsInside).Except(staged.Files, StringComparer.Ordinal))
                File.Delete(Path.Combine(Folder, file));
        }
        File.Move(Path.Combine(Staging, RunManifest.FileName), oldPath, overwrite: true);
    }

    private static RunManifest? TryRead(string path)
    {
        try
        {
            return RunManifest.Read(path);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;   // an unreadable old manifest names nothing to delete
        }
    }
}
