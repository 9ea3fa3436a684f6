using System.CommandLine;
using MarketSim.Cluster;
using MarketSim.Reports.Results;

namespace MarketSim.Cli.Commands;

/// <summary>`marketsim node --seed-node HOST:PORT [--workers N] [--bind HOST] [--port N]`: a worker of a cluster sweep.</summary>
public static class NodeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var seed = new Option<string>("--seed-node")
        {
            Description = "Address of the coordinator (`marketsim sweep ... --cluster HOST:PORT`), written exactly as it was given there",
            Required = true,
        };
        var workers = Options.Workers();
        workers.Description = "Runs made at a time on this node, and threads for their actors (default: number of cores)";
        var bind = new Option<string?>("--bind")
        {
            Description = "Address this node listens on and the coordinator connects back to (default 127.0.0.1, this machine only); "
                + "give this machine's LAN address to join a coordinator on another machine",
        };
        var secretFile = Options.SecretFile();
        var joinTimeout = new Option<int>("--join-timeout")
        {
            Description = "Seconds to try to reach the coordinator before giving up with exit 1 (default 60)",
            DefaultValueFactory = _ => (int)ClusterNode.DefaultJoinTimeout.TotalSeconds,
        };
        var port = new Option<int>("--port") { Description = "Port this node listens on (default 0: any free port)", DefaultValueFactory = _ => 0 };
        var command = new Command("node",
            "Join a cluster as a worker of `sweep`, `game` or `calibrate --cluster`: pull runs from the coordinator, make them here, send the files back; "
            + "exits 0 when the coordinator's work is finished or it has left, 1 if this node was rejected or removed from the cluster.")
        {
            seed, workers, bind, port, secretFile, joinTimeout,
        };
        command.SetAction((parse, cancel) => ExitCodes.GuardAsync(async () =>
        {
            var threads = Options.CheckWorkers(parse.GetValue(workers));
            var seedAddress = ClusterAddress.Parse(parse.GetValue(seed)!, "--seed-node");
            var listenPort = parse.GetValue(port);
            if (listenPort is < 0 or > 65535)
                throw new ConfigException("command line", 0, "--port", $"value {listenPort} is out of range; accepted: a whole number in [0, 65535] (0 = any free port)");
            var bindValue = parse.GetValue(bind);
            string host;
            if (bindValue is not null)
            {
                host = ClusterAddress.ParseHost(bindValue, "--bind", anyAllowed: false);
            }
            else if (ClusterAddress.IsLoopback(seedAddress.Host))
            {
                host = ClusterAddress.DefaultBindHost;
            }
            else
            {
                throw new ConfigException("command line", 0, "--bind",
                    $"the coordinator {seedAddress} is on another machine but this node listens on {ClusterAddress.DefaultBindHost} unless asked; "
                    + "add --bind with this machine's address as the coordinator can reach it");
            }
            var timeout = parse.GetValue(joinTimeout);
            if (timeout is < 1 or > 86_400)
                throw new ConfigException("command line", 0, "--join-timeout", $"value {timeout} is out of range; accepted: a whole number of seconds in [1, 86400]");
            var secret = Options.Secret(parse.GetValue(secretFile), host);
            var exit = await ClusterNode.RunAsync(seedAddress, host, listenPort, threads, Console.Error, cancel, secret, TimeSpan.FromSeconds(timeout))
                .ConfigureAwait(false);
            Console.WriteLine($"node: {exit.Reason}");
            return exit.Success ? ExitCodes.Success : ExitCodes.Failure;
        }));
        return command;
    }
}
