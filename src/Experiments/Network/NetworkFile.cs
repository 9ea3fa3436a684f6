using MarketSim.Experiments.Config;
using MarketSim.Transport;

namespace MarketSim.Experiments.Network;

/// <summary>A user group of a network file, as the `flows` command reports it.</summary>
/// <param name="Id">Group id from the file.</param>
/// <param name="Group">Its id in the transport network.</param>
/// <param name="Paths">Number of paths.</param>
/// <param name="Count">Users in the group (they share every parameter).</param>
public sealed record NetworkUserGroup(string Id, GroupId Group, int Paths, double Count);

/// <summary>A validated network file: the transport network and its groups in file order.</summary>
public sealed record NetworkFileModel(FlowNetwork Network, IReadOnlyList<NetworkUserGroup> Groups);

/// <summary>
/// Reads a network file for `marketsim flows` (format in README.md, "Network file format"):
/// links with capacities (packets/s) and user groups with a controller, a count and paths; a path crosses
/// links, or is open loop with a fixed loss, or both. Every error names file, line, key and accepted values.
/// </summary>
public static class NetworkFile
{
    private static readonly string[] LinkModels = ["capacity", "mm1k"];

    /// <summary>Loads the file; <paramref name="controllerOverride"/> replaces the controller of every multipath group.</summary>
    public static NetworkFileModel Load(string path, Controller? controllerOverride = null)
    {
        var root = YamlFile.Load(path);
        var builder = new FlowNetworkBuilder();
        var links = new Dictionary<string, LinkId>(StringComparer.Ordinal);
        foreach (var link in root.Sections("links", optional: true))
        {
            var id = Label(link, "id");
            if (links.ContainsKey(id)) throw link.Error("id", $"link '{id}' is defined twice; accepted: unique link ids");
            var capacity = link.Number("capacity", Bounds.PacketRate);
            var model = link.Choice("model", LinkModels, "capacity") == "mm1k" ? LinkModel.LossMM1K : LinkModel.Capacity;
            var buffer = link.Integer("buffer", Bounds.Between(1, 1_000_000), FlowNetworkBuilder.DefaultBufferPackets);
            link.RejectUnknownKeys();
            links[id] = builder.AddLink(capacity, model, buffer);
        }
        var groups = new List<NetworkUserGroup>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var user in root.Sections("users"))
        {
            var id = Label(user, "id");
            if (!ids.Add(id)) throw user.Error("id", $"user group '{id}' is defined twice; accepted: unique user ids");
            var controller = ControllerNames.Parse(user.Choice("controller", ControllerNames.All, "reno"))!.Value;
            var count = user.Number("count", new Bounds(0, false, 1e9, true), 1.0);
            var paths = user.Sections("paths").Select(p => ReadPath(p, links)).ToArray();
            user.RejectUnknownKeys();
            if (paths.Length > 1 && controllerOverride is { } forced) controller = forced;
            groups.Add(new NetworkUserGroup(id, builder.AddGroup(controller, paths), paths.Length, count));
        }
        root.RejectUnknownKeys();
        return new NetworkFileModel(builder.Build(), groups);
    }

    private static PathSpec ReadPath(YamlSection path, Dictionary<string, LinkId> links)
    {
        var crossed = new List<LinkId>();
        foreach (var (name, _) in path.TextList("links"))
        {
            if (!links.TryGetValue(name, out var link))
                throw path.Error("links", $"unknown link '{ExperimentReader.Printable(name)}'; accepted: one of the links defined above ({string.Join(", ", links.Keys)})");
            if (crossed.Contains(link))
                throw path.Error("links", $"link '{name}' is crossed twice by one path; accepted: each link at most once per path");
            crossed.Add(link);
        }
        var rtt = path.Number("rtt", Bounds.RttSeconds);
        var loss = path.Has("loss") ? path.Number("loss", new Bounds(1e-9, true, 1, false)) : 0.0;
        var cap = path.Number("cap", Bounds.PacketRate, double.PositiveInfinity);
        path.RejectUnknownKeys();
        if (crossed.Count == 0 && loss == 0)
            throw path.Error("links", "the path has no links and no loss, so nothing bounds its rate; accepted: at least one link, or a loss in (0, 1)");
        return new PathSpec(crossed.ToArray(), rtt, loss, cap);
    }

    private static string Label(YamlSection section, string key)
    {
        var id = section.Text(key);
        if (InputLimits.LabelProblem(id, InputLimits.MaxLabelLength) is { } problem)
            throw section.Error(key, $"'{ExperimentReader.Printable(id)}' {problem}");
        return id;
    }
}
