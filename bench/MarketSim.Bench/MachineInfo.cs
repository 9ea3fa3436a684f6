using System.Runtime;
using System.Runtime.InteropServices;

namespace MarketSim.Bench;

/// <summary>What a benchmark ran on, printed with every result so numbers can be compared honestly.</summary>
public sealed record MachineInfo(string Cpu, int Cores, string Os, string Runtime, bool ServerGc, string GcLatency, string Configuration)
{
    /// <summary>This machine and process.</summary>
    public static MachineInfo Current()
    {
        var cpu = "unknown";
        if (File.Exists("/proc/cpuinfo"))
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        return new MachineInfo(cpu, Environment.ProcessorCount, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription,
            GCSettings.IsServerGC, GCSettings.LatencyMode.ToString(), configuration);
    }

    /// <inheritdoc />
    public override string ToString()
        => $"{Cpu}, {Cores} cores, {Os}, {Runtime}, {(ServerGc ? "server" : "workstation")} GC ({GcLatency}), {Configuration} build";
}
