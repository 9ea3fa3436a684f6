namespace MarketSim.Transport.Solver;

/// <summary>
/// Connected components of the link graph (two links are connected when a group's rates on one depend on the
/// price of the other, i.e. the link Jacobian has an entry for them). The equilibrium problems of different
/// components are independent, so the Newton globalisation runs per component: a component crossing a cliff
/// does not hold back the others.
/// </summary>
internal sealed class LinkComponents
{
    public LinkComponents(LinkJacobianPattern pattern, int links)
    {
        var parent = new int[links];
        for (var l = 0; l < links; l++)
        {
            parent[l] = l;
        }

        for (var l = 0; l < links; l++)
        {
            for (var e = pattern.RowStart[l]; e < pattern.RowStart[l + 1]; e++)
            {
                Union(parent, l, pattern.Columns[e]);
            }
        }

        Of = new int[links];
        var index = new Dictionary<int, int>();
        for (var l = 0; l < links; l++)
        {
            var root = Find(parent, l);
            if (!index.TryGetValue(root, out var id))
            {
                id = index.Count;
                index[root] = id;
            }

            Of[l] = id;
        }

        Count = index.Count;
    }

    /// <summary>Component of every link, numbered 0..Count-1 in order of first link.</summary>
    public int[] Of { get; }

    public int Count { get; }

    private static int Find(int[] parent, int x)
    {
        while (parent[x] != x)
        {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }

        return x;
    }

    private static void Union(int[] parent, int a, int b)
    {
        var ra = Find(parent, a);
        var rb = Find(parent, b);
        if (ra != rb)
        {
            parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }
    }
}
