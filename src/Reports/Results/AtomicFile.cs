namespace MarketSim.Reports.Results;

/// <summary>
/// Writes a file under a temporary name in the same folder, then renames it over the final name, so a reader
/// (or a resumed sweep) never sees a half-written file under its final name.
/// </summary>
public static class AtomicFile
{
    /// <summary>The suffix of temporary files; anything ending in it is an unfinished write.</summary>
    public const string TemporarySuffix = ".partial";

    /// <summary>Writes through <paramref name="write"/> to a temporary file, flushes it to disk, then renames it.</summary>
    public static async Task WriteAsync(string path, Func<Stream, Task> write)
    {
        var temporary = TemporaryPathFor(path);
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await write(stream).ConfigureAwait(false);
                await stream.FlushAsync().ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>A fresh temporary name next to <paramref name="path"/> (".NAME.PID.GUID.partial"), its folder created:
    /// for writers that stream over a long time and rename at the end themselves.</summary>
    public static string TemporaryPathFor(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}{TemporarySuffix}");
    }

    /// <summary>Writes text (UTF-8, no BOM) atomically.</summary>
    public static Task WriteTextAsync(string path, string text)
        => WriteAsync(path, async s =>
        {
            await using var writer = new StreamWriter(s, new System.Text.UTF8Encoding(false), leaveOpen: true);
            await writer.WriteAsync(text).ConfigureAwait(false);
        });
}
