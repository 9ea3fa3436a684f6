using System.CommandLine;
using MarketSim.Reports.Results;

namespace MarketSim.Cli.Commands;

/// <summary>Options shared by several commands.</summary>
public static class Options
{
    /// <summary>--workers N: threads for the actors (results do not depend on it).</summary>
    public static Option<int> Workers() => new("--workers")
    {
        Description = "Worker threads for the actors (default: number of cores); results are identical for any value",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    /// <summary>--secret-file PATH: the cluster's shared secret.</summary>
    public static Option<string?> SecretFile() => new("--secret-file")
    {
        Description = "File holding the cluster's shared secret (at least 16 bytes, the same file on every node); nodes must prove they hold it. "
            + "Required when listening beyond 127.0.0.1",
    };

    /// <summary>The secret of --secret-file, refusing a listening address beyond this machine without one.</summary>
    public static MarketSim.Cluster.ClusterSecret Secret(string? path, string listenHost)
    {
        var secret = path is null ? MarketSim.Cluster.ClusterSecret.None : MarketSim.Cluster.ClusterSecret.Load(path);
        if (!secret.IsSet && !MarketSim.Cluster.ClusterAddress.IsLoopback(listenHost))
            throw new ConfigException("command line", 0, "--bind",
                $"listening on {listenHost} lets other machines join, but no --secret-file is given; accepted: --secret-file FILE (the same file on every node), or a loopback address");
        return secret;
    }

    /// <summary>Rejects a worker count below 1 as bad input.</summary>
    public static int CheckWorkers(int workers) => workers >= 1 && workers <= 1024
        ? workers
        : throw new ConfigException("command line", 0, "--workers", $"value {workers} is out of range; accepted: a whole number in [1, 1024]");
}
