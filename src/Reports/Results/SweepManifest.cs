using System.Text.Json;
using System.Text.Json.Serialization;

namespace MarketSim.Reports.Results;

/// <summary>A planned run as listed in the sweep manifest; <paramref name="UsersFile"/> only for runs with per-user output
/// (left out of the JSON otherwise, so sweeps without it write the same manifest as before).</summary>
public sealed record SweepRunEntry(
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("point")] int Point,
    [property: JsonPropertyName("policy")] string Policy,
    [property: JsonPropertyName("replication")] int Replication,
    [property: JsonPropertyName("seed")] ulong Seed,
    [property: JsonPropertyName("parameters")] IReadOnlyDictionary<string, string> Parameters,
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("users_file"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UsersFile = null,
    [property: JsonPropertyName("sha256"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Sha256 = null,
    [property: JsonPropertyName("users_sha256"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UsersSha256 = null);

/// <summary>
/// `sweep.json` in a sweep's results folder: the experiment, the design, and every planned run with its
/// parameters, seed and status ("planned" or "done"), and for a done run the SHA-256 of its files. A snapshot:
/// rewritten atomically every few seconds and at the end, while each finished run is recorded at once in
/// <see cref="SweepLedger"/> (runs.log). A run is done when its file matches the hash recorded when it was written.
/// </summary>
public sealed record SweepManifest(
    [property: JsonPropertyName("experiment")] string Experiment,
    [property: JsonPropertyName("experiment_file")] string ExperimentFile,
    [property: JsonPropertyName("experiment_content")] string ExperimentContent,
    [property: JsonPropertyName("root_seed")] ulong RootSeed,
    [property: JsonPropertyName("design")] string Design,
    [property: JsonPropertyName("samples")] int Samples,
    [property: JsonPropertyName("replications")] int Replications,
    [property: JsonPropertyName("parameters")] IReadOnlyList<string> Parameters,
    [property: JsonPropertyName("policies")] IReadOnlyList<string> Policies,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("runs")] IReadOnlyList<SweepRunEntry> Runs)
{
    /// <summary>File name inside the sweep's results folder.</summary>
    public const string FileName = "sweep.json";

    /// <summary>Folder (inside the sweep's results folder) holding one Parquet file per run.</summary>
    public const string RunsFolder = "runs";

    /// <summary>Folder (inside the sweep's results folder) holding one per-user Parquet file per run that asks for
    /// per-user output; apart from runs/ so that runs/*.parquet stays one schema.</summary>
    public const string UsersFolder = "user_metrics";

    /// <summary>Status of a run whose file is complete.</summary>
    public const string Done = "done";

    /// <summary>Status of a run not finished yet.</summary>
    public const string Planned = "planned";

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    /// <summary>Writes the manifest atomically.</summary>
    public Task WriteAsync(string folder) => AtomicFile.WriteTextAsync(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Options) + "\n");

    /// <summary>Reads the manifest of a sweep folder.</summary>
    public static SweepManifest Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!System.IO.File.Exists(path)) throw new FileNotFoundException($"{path}: no sweep manifest (is this a sweep results folder?)", path);
        return JsonSerializer.Deserialize<SweepManifest>(System.IO.File.ReadAllText(path), Options)
            ?? throw new InvalidDataException($"{path}: empty manifest");
    }
}
