using System.CommandLine;
using System.Text.Json;
using MarketSim.Experiments.Config;
using MarketSim.Experiments.Network;
using MarketSim.Reports.Results;
using MarketSim.Transport;
using MarketSim.Transport.Solver;

namespace MarketSim.Cli.Commands;

/// <summary>`marketsim flows NETWORK.yaml [--cc NAME] [--format csv|json]`: per-user rate of every group and path.</summary>
public static class FlowsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var file = new Argument<string>("network") { Description = "Network file (YAML): links and user groups with paths" };
        var cc = new Option<string?>("--cc") { Description = "Congestion controller for every multipath group: " + string.Join("|", ControllerNames.All) };
        var format = new Option<string>("--format") { Description = "Output format: csv (header user,path,rate) or json", DefaultValueFactory = _ => "csv" };
        var command = new Command("flows", "Solve the flow-level MPTCP equilibrium of a network file; prints user,path,rate (packets/s per user).")
        {
            file, cc, format,
        };
        command.SetAction((parse, _) => ExitCodes.GuardAsync(() =>
        {
            var name = parse.GetValue(format)!;
            if (name is not ("csv" or "json"))
                throw new ConfigException("command line", 0, "--format", $"'{name}' is not accepted; accepted: csv, json");
            Controller? forced = null;
            if (parse.GetValue(cc) is { } ccName)
            {
                forced = ControllerNames.Parse(ccName)
                    ?? throw new ConfigException("command line", 0, "--cc", $"'{ccName}' is not accepted; accepted: {string.Join(", ", ControllerNames.All)}");
            }
            var model = NetworkFile.Load(parse.GetValue(file)!, forced);
            var rows = Solve(model);
            Console.Write(name == "csv" ? ToCsv(rows) : ToJson(rows));
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }

    private static List<(string User, int Path, double Rate)> Solve(NetworkFileModel model)
    {
        var counts = new double[model.Groups.Count];
        foreach (var g in model.Groups) counts[g.Group.Value] = g.Count;
        var rates = new double[model.Groups.Sum(g => g.Paths)];
        new FlowSolver(model.Network).Solve(counts, rates);
        var rows = new List<(string, int, double)>();
        var offset = 0;
        foreach (var g in model.Groups)
        {
            for (var p = 0; p < g.Paths; p++) rows.Add((g.Id, p, rates[offset + p]));
            offset += g.Paths;
        }
        return rows;
    }

    private static string ToCsv(List<(string User, int Path, double Rate)> rows)
        => "user,path,rate\n" + string.Concat(rows.Select(r => FormattableString.Invariant($"{r.User},{r.Path},{r.Rate:R}\n")));

    private static string ToJson(List<(string User, int Path, double Rate)> rows)
        => JsonSerializer.Serialize(rows.Select(r => new Dictionary<string, object> { ["user"] = r.User, ["path"] = r.Path, ["rate"] = r.Rate }),
            new JsonSerializerOptions { WriteIndented = true }) + "\n";
}
