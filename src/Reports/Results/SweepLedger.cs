using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MarketSim.Reports.Results;

/// <summary>What was recorded when a run's files were written: their SHA-256 (the per-user file's only when there is one).</summary>
public sealed record RunRecord(
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("users_sha256"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UsersSha256 = null);

/// <summary>
/// `runs.log` in a sweep's folder: one JSON line per finished run, appended and flushed to disk as each run's files
/// are in place, so recording a run costs one short write however many runs the sweep has (sweep.json, the snapshot,
/// is rewritten only now and then). A line cut short by a crash is ignored, and that run is made again.
/// </summary>
public sealed class SweepLedger : IDisposable
{
    /// <summary>File name inside the sweep's results folder.</summary>
    public const string FileName = "runs.log";

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };
    private readonly FileStream stream;

    private SweepLedger(FileStream stream) => this.stream = stream;

    /// <summary>Opens the log of <paramref name="folder"/> for appending.</summary>
    public static SweepLedger Open(string folder)
        => new(new FileStream(Path.Combine(folder, FileName), FileMode.Append, FileAccess.Write, FileShare.Read, 4096));

    /// <summary>Appends one record and flushes it to disk.</summary>
    public void Append(RunRecord record)
    {
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(record, Options) + "\n");
        stream.Write(line);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>The records of <paramref name="folder"/>'s log by run id (a later line wins); torn lines are skipped.</summary>
    public static Dictionary<string, RunRecord> Read(string folder)
    {
        var records = new Dictionary<string, RunRecord>(StringComparer.Ordinal);
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return records;
        foreach (var line in File.ReadLines(path))
        {
            RunRecord? record;
            try
            {
                record = JsonSerializer.Deserialize<RunRecord>(line, Options);
            }
            catch (JsonException)
            {
                continue;
            }
            if (record is { RunId: not null, Sha256: not null }) records[record.RunId] = record;
        }
        return records;
    }

    /// <inheritdoc />
    public void Dispose() => stream.Dispose();
}
