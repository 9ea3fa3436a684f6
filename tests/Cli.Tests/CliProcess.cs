using System.Diagnostics;

namespace MarketSim.Cli.Tests;

/// <summary>Runs the built `marketsim` program as a user would, capturing exit code and output.</summary>
internal static class CliProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>Starts marketsim without waiting; output is drained and discarded (for tests that kill it).</summary>
    public static Process Start(string workingDirectory, params string[] args)
    {
        var process = Process.Start(StartInfo(workingDirectory, args))!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static Result Run(string workingDirectory, params string[] args) => RunWith(workingDirectory, null, args);

    /// <summary>Runs with extra environment variables (e.g. a GC heap limit that makes runaway memory fail the test).</summary>
    public static Result RunWith(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var info = StartInfo(workingDirectory, args);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3))) { process.Kill(true); throw new TimeoutException("marketsim did not finish"); }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static ProcessStartInfo StartInfo(string workingDirectory, string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "marketsim.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        return info;
    }

    public static string RepositoryFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MarketSim.sln"))) dir = dir.Parent;
        return Path.Combine(dir!.FullName, relative);
    }

    /// <summary>The flagship sweep shrunk to seconds: fewer users, months and replications, and the markup pricing rule
    /// instead of the demand oracle's best response (these tests are about sweeps and clusters, not pricing, and must
    /// stay quick on a loaded machine).</summary>
    public static string TinySweep(int ticks, int replications) => File.ReadAllText(RepositoryFile("experiments/flat-vs-performance.yaml"))
        .Replace("rule: best_response", "rule: markup")
        .Replace("count: 10000", "count: 1500")
        .Replace("ticks: 48", $"ticks: {ticks}")
        .Replace("block_size: 2500", "block_size: 500")
        .Replace("replications: 6", $"replications: {replications}");

    /// <summary>SHA-256 of every file of a sweep's runs folder, by file name.</summary>
    public static Dictionary<string, string> RunHashes(string sweepFolder) => Directory.EnumerateFiles(Path.Combine(sweepFolder, "runs"))
        .ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));

    public static string NewFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), "marketsim-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
