using System.Diagnostics;
using System.Text;

namespace MarketSim.Cli.Tests.Cluster;

/// <summary>A marketsim process whose stdout and stderr are kept (interleaved, line by line) so a test can wait
/// for a line and show everything when it fails; disposing kills whatever is still running.</summary>
internal sealed class LoggedProcess : IDisposable
{
    private readonly StringBuilder output = new();
    private readonly Process process;

    private LoggedProcess(string name, string workingDirectory, string[] args, string? networkNamespace = null)
    {
        Name = name;
        var info = new ProcessStartInfo(networkNamespace is null ? "dotnet" : "ip")
        {
            WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        if (networkNamespace is not null)
        {
            foreach (var a in new[] { "netns", "exec", networkNamespace, "dotnet" }) info.ArgumentList.Add(a);
        }
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "marketsim.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public static LoggedProcess Start(string name, string workingDirectory, params string[] args) => new(name, workingDirectory, args);

    /// <summary>Starts marketsim inside a Linux network namespace (`ip netns exec`).</summary>
    public static LoggedProcess StartIn(string networkNamespace, string name, string workingDirectory, params string[] args)
        => new(name, workingDirectory, args, networkNamespace);

    public string Output
    {
        get
        {
            lock (output) return output.ToString();
        }
    }

    public int ExitCode => process.ExitCode;

    /// <summary>Waits until <paramref name="condition"/> holds for the output so far; false on timeout or exit.</summary>
    public bool WaitFor(Func<string, bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (condition(Output)) return true;
            if (process.HasExited) return condition(Output);
            Thread.Sleep(20);
        }
        return false;
    }

    public bool WaitForExit(TimeSpan timeout)
    {
        if (!process.WaitForExit(timeout)) return false;
        process.WaitForExit();   // drains the output readers
        return true;
    }

    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited) Kill();
        process.Dispose();
    }

    public override string ToString() => $"--- {Name} ---\n{Output}";

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }
}
