using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using MarketSim.Reports.Results;

namespace MarketSim.Experiments.Output;

/// <summary>
/// What a run was and what it wrote: the experiment file's exact content, seed, software version and commit,
/// wall-clock start and end (only here, never in the model or the Parquet files), row counts per file, and the SHA-256
/// of every file it lists (<see cref="RunPublisher"/> writes it last: readers trust only the files it lists with their hashes).
/// </summary>
public sealed record RunManifest(
    [property: JsonPropertyName("experiment")] string Experiment,
    [property: JsonPropertyName("experiment_file")] string ExperimentFile,
    [property: JsonPropertyName("experiment_content")] string ExperimentContent,
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("seed")] ulong Seed,
    [property: JsonPropertyName("workers")] int Workers,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("started_utc")] DateTimeOffset StartedUtc,
    [property: JsonPropertyName("finished_utc")] DateTimeOffset FinishedUtc,
    [property: JsonPropertyName("row_counts")] IReadOnlyDictionary<string, long> RowCounts,
    [property: JsonPropertyName("files")] IReadOnlyList<string> Files,
    [property: JsonPropertyName("sha256"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? FileHashes = null)
{
    /// <summary>File name inside a run's results folder.</summary>
    public const string FileName = "manifest.json";

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    /// <summary>The program's version with the commit it was built from (InformationalVersion, e.g. 0.1.0+abc1234).</summary>
    public static string SoftwareVersion =>
        typeof(RunManifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>Writes the manifest atomically.</summary>
    public Task WriteAsync(string path) => AtomicFile.WriteTextAsync(path, JsonSerializer.Serialize(this, Options) + "\n");

    /// <summary>Reads a manifest back.</summary>
    public static RunManifest Read(string path) => JsonSerializer.Deserialize<RunManifest>(File.ReadAllText(path), Options)
        ?? throw new InvalidDataException($"{path}: empty manifest");
}
