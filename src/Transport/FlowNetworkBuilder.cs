namespace MarketSim.Transport;

/// <summary>
/// Builds a <see cref="FlowNetwork"/>. Every argument is validated when it is added, so a bad value is
/// reported (as an <see cref="ArgumentException"/> naming the group, path and value) where it was made.
/// </summary>
public sealed class FlowNetworkBuilder
{
    /// <summary>Default M/M/1/K system size K (packets) for <see cref="LinkModel.LossMM1K"/> links.</summary>
    public const int DefaultBufferPackets = 100;

    private readonly List<double> linkCapacity = [];
    private readonly List<LinkModel> linkModel = [];
    private readonly List<int> linkBuffer = [];
    private readonly List<Controller> groupController = [];
    private readonly List<int> groupPathStart = [0];
    private readonly List<int> pathLinkStart = [0];
    private readonly List<int> pathLinks = [];
    private readonly List<double> pathRtt = [];
    private readonly List<double> pathFixedLoss = [];
    private readonly List<double> pathAccessCap = [];

    /// <summary>Number of links added so far.</summary>
    public int LinkCount => linkCapacity.Count;

    /// <summary>Number of groups added so far.</summary>
    public int GroupCount => groupController.Count;

    /// <summary>Adds a link.</summary>
    /// <param name="capacity">Capacity in packets/s, finite and &gt; 0.</param>
    /// <param name="model">How the link prices its load.</param>
    /// <param name="bufferK">M/M/1/K system size K in packets (&gt;= 1); used by <see cref="LinkModel.LossMM1K"/> only.</param>
    /// <returns>The id of the new link.</returns>
    public LinkId AddLink(double capacity, LinkModel model = LinkModel.Capacity, int bufferK = DefaultBufferPackets)
    {
        if (!double.IsFinite(capacity) || capacity <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity,
                $"Link {LinkCount}: capacity must be finite and > 0 packets/s.");
        }

        if (!Enum.IsDefined(model))
        {
            throw new ArgumentOutOfRangeException(nameof(model), model, $"Link {LinkCount}: unknown link model.");
        }

        if (model == LinkModel.LossMM1K && bufferK < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(bufferK), bufferK,
                $"Link {LinkCount}: M/M/1/K buffer K must be >= 1 packet.");
        }

        linkCapacity.Add(capacity);
        linkModel.Add(model);
        linkBuffer.Add(bufferK);
        return new LinkId(linkCapacity.Count - 1);
    }

    /// <summary>Adds a group of users with identical parameters.</summary>
    /// <param name="controller">Congestion controller of every user of the group.</param>
    /// <param name="paths">The group's paths (at least one).</param>
    /// <returns>The id of the new group; its count is given to the solver at that index.</returns>
    public GroupId AddGroup(Controller controller, params PathSpec[] paths) => AddGroup(controller, paths.AsSpan());

    /// <summary>Adds a group of users with identical parameters.</summary>
    /// <param name="controller">Congestion controller of every user of the group.</param>
    /// <param name="paths">The group's paths (at least one).</param>
    /// <returns>The id of the new group; its count is given to the solver at that index.</returns>
    public GroupId AddGroup(Controller controller, ReadOnlySpan<PathSpec> paths)
    {
        var group = GroupCount;
        if (!Enum.IsDefined(controller))
        {
            throw new ArgumentOutOfRangeException(nameof(controller), controller, $"Group {group}: unknown controller.");
        }

        if (paths.IsEmpty)
        {
            throw new ArgumentException($"Group {group}: a group needs at least one path.", nameof(paths));
        }

        for (var i = 0; i < paths.Length; i++)
        {
            Validate(group, i, paths[i]);
        }

        foreach (var path in paths)
        {
            foreach (var link in path.Links ?? [])
            {
                pathLinks.Add(link.Value);
            }

            pathLinkStart.Add(pathLinks.Count);
            pathRtt.Add(path.RttSeconds);
            pathFixedLoss.Add(path.FixedLoss);
            pathAccessCap.Add(path.AccessCap);
        }

        groupController.Add(controller);
        groupPathStart.Add(pathRtt.Count);
        return new GroupId(group);
    }

    /// <summary>Freezes the topology.</summary>
    /// <returns>An immutable network; the builder can keep being used for another one.</returns>
    public FlowNetwork Build() => new(
        [.. linkCapacity], [.. linkModel], [.. linkBuffer],
        [.. groupController], [.. groupPathStart],
        [.. pathLinkStart], [.. pathLinks], [.. pathRtt], [.. pathFixedLoss], [.. pathAccessCap]);

    private void Validate(int group, int index, PathSpec path)
    {
        var where = $"Group {group}, path {index}";
        if (!double.IsFinite(path.RttSeconds) || path.RttSeconds <= 0)
        {
            throw new ArgumentException($"{where}: rtt must be finite and > 0 seconds (got {path.RttSeconds}).", "paths");
        }

        if (!(path.FixedLoss >= 0 && path.FixedLoss < 1))
        {
            throw new ArgumentException($"{where}: fixed loss must be in [0, 1) (got {path.FixedLoss}).", "paths");
        }

        if (!(path.AccessCap > 0))
        {
            throw new ArgumentException(
                $"{where}: access cap must be > 0 packets/s, +infinity for none (got {path.AccessCap}).", "paths");
        }

        var links = path.Links ?? [];
        for (var i = 0; i < links.Length; i++)
        {
            var link = links[i].Value;
            if (link < 0 || link >= LinkCount)
            {
                throw new ArgumentException($"{where}: unknown link {link} (the network has {LinkCount} links).", "paths");
            }

            for (var j = 0; j < i; j++)
            {
                if (links[j].Value == link)
                {
                    throw new ArgumentException($"{where}: link {link} is listed twice.", "paths");
                }
            }
        }

        if (links.Length == 0 && path.FixedLoss == 0 && double.IsPositiveInfinity(path.AccessCap))
        {
            throw new ArgumentException(
                $"{where}: the path has no bound (no link, no fixed loss, no access cap), so its rate would be infinite.",
                "paths");
        }
    }
}
