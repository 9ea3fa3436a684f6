namespace MarketSim.Transport;

/// <summary>
/// Immutable topology of a flow-level network: links, user groups, and the paths of every group, stored as
/// structure-of-arrays with CSR offsets (group -&gt; paths, path -&gt; links). Built by <see cref="FlowNetworkBuilder"/>.
/// Paths are numbered globally in group order: the paths of group g are
/// <c>FirstPathOf(g) .. FirstPathOf(g) + PathCountOf(g) - 1</c>; per-path spans given to and returned by the
/// solver use this numbering.
/// </summary>
public sealed class FlowNetwork
{
    internal readonly double[] LinkCapacity;
    internal readonly LinkModel[] LinkModels;
    internal readonly int[] LinkBuffer;
    internal readonly Controller[] GroupController;
    internal readonly int[] GroupPathStart;
    internal readonly int[] PathLinkStart;
    internal readonly int[] PathLinks;
    internal readonly double[] PathRtt;
    internal readonly double[] PathFixedLoss;
    internal readonly double[] PathAccessCap;

    /// <summary>Loss at which one Reno flow runs exactly at the path's access cap (0 without a cap).</summary>
    internal readonly double[] PathCapLoss;

    internal FlowNetwork(
        double[] linkCapacity, LinkModel[] linkModels, int[] linkBuffer,
        Controller[] groupController, int[] groupPathStart,
        int[] pathLinkStart, int[] pathLinks, double[] pathRtt, double[] pathFixedLoss, double[] pathAccessCap)
    {
        LinkCapacity = linkCapacity;
        LinkModels = linkModels;
        LinkBuffer = linkBuffer;
        GroupController = groupController;
        GroupPathStart = groupPathStart;
        PathLinkStart = pathLinkStart;
        PathLinks = pathLinks;
        PathRtt = pathRtt;
        PathFixedLoss = pathFixedLoss;
        PathAccessCap = pathAccessCap;
        PathCapLoss = new double[pathRtt.Length];
        for (var r = 0; r < pathRtt.Length; r++)
        {
            var window = pathRtt[r] * pathAccessCap[r];
            PathCapLoss[r] = double.IsPositiveInfinity(window) ? 0 : 2 / (window * window);
        }

        var maxPaths = 0;
        for (var g = 0; g < GroupCount; g++)
        {
            maxPaths = Math.Max(maxPaths, groupPathStart[g + 1] - groupPathStart[g]);
            if (groupController[g] is Controller.Coupled or Controller.Olia or Controller.Balia)
            {
                HasTieSensitiveGroups = true;
            }
        }

        MaxPathsPerGroup = maxPaths;
    }

    /// <summary>Number of links.</summary>
    public int LinkCount => LinkCapacity.Length;

    /// <summary>Number of user groups.</summary>
    public int GroupCount => GroupController.Length;

    /// <summary>Number of paths over all groups (the length of per-path rate spans).</summary>
    public int PathCount => PathRtt.Length;

    /// <summary>Largest number of paths of any group.</summary>
    public int MaxPathsPerGroup { get; }

    /// <summary>
    /// True when some group uses a controller whose equilibrium split is not unique at ties
    /// (coupled, OLIA, BALIA); the solver then uses its smoothing homotopy.
    /// </summary>
    public bool HasTieSensitiveGroups { get; }

    /// <summary>Capacity of a link in packets/s.</summary>
    /// <param name="link">The link.</param>
    public double CapacityOf(LinkId link) => LinkCapacity[link.Value];

    /// <summary>Price model of a link.</summary>
    /// <param name="link">The link.</param>
    public LinkModel ModelOf(LinkId link) => LinkModels[link.Value];

    /// <summary>Controller of a group.</summary>
    /// <param name="group">The group.</param>
    public Controller ControllerOf(GroupId group) => GroupController[group.Value];

    /// <summary>Global index of the first path of a group.</summary>
    /// <param name="group">The group.</param>
    public int FirstPathOf(GroupId group) => GroupPathStart[group.Value];

    /// <summary>Number of paths of a group.</summary>
    /// <param name="group">The group.</param>
    public int PathCountOf(GroupId group) => GroupPathStart[group.Value + 1] - GroupPathStart[group.Value];

    /// <summary>Indices of the links a path crosses.</summary>
    /// <param name="path">Global path index.</param>
    public ReadOnlySpan<int> LinksOf(int path) =>
        PathLinks.AsSpan(PathLinkStart[path], PathLinkStart[path + 1] - PathLinkStart[path]);

    /// <summary>Round-trip time of a path in seconds.</summary>
    /// <param name="path">Global path index.</param>
    public double RttOf(int path) => PathRtt[path];

    /// <summary>Fixed (load-independent) loss probability of a path.</summary>
    /// <param name="path">Global path index.</param>
    public double FixedLossOf(int path) => PathFixedLoss[path];

    /// <summary>Per-user access-rate cap of a path in packets/s (+infinity for none).</summary>
    /// <param name="path">Global path index.</param>
    public double AccessCapOf(int path) => PathAccessCap[path];
}
