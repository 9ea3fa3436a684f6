using MarketSim.Transport.Controllers;

namespace MarketSim.Transport.Solver;

/// <summary>
/// Sparsity pattern of the link Jacobian J_lk = d load_l / d price_k (CSR over links, diagonal always present)
/// and, for every group, the positions its contributions land in. A group adds count * d x_r / d p_s to
/// every (l, k) with l on path r and k on path s (for uncoupled controllers only s = r). The positions are
/// enumerated in exactly the order <see cref="NetworkEvaluator"/> walks them: paths r, then partners s,
/// then links of r, then links of s.
/// </summary>
internal sealed class LinkJacobianPattern
{
    public int[] RowStart { get; }
    public int[] Columns { get; }
    public int[] Diagonal { get; }
    public int[] GroupStart { get; }
    public int[] Positions { get; }

    public int NonZeros => Columns.Length;

    private LinkJacobianPattern(int[] rowStart, int[] columns, int[] diagonal, int[] groupStart, int[] positions)
    {
        RowStart = rowStart;
        Columns = columns;
        Diagonal = diagonal;
        GroupStart = groupStart;
        Positions = positions;
    }

    public static LinkJacobianPattern Build(FlowNetwork net)
    {
        var links = net.LinkCount;
        var groups = net.GroupCount;
        var (incidenceStart, incidence) = LinkToGroups(net);

        // Row pattern: for each link, mark every column reachable through a group crossing it.
        var mark = new int[links];
        Array.Fill(mark, -1);
        var rowStart = new int[links + 1];
        var columns = new List<int>(links * 4);
        var row = new List<int>();
        for (var l = 0; l < links; l++)
        {
            row.Clear();
            mark[l] = l;
            row.Add(l);
            for (var i = incidenceStart[l]; i < incidenceStart[l + 1]; i++)
            {
                var g = incidence[i];
                var coupled = BestResponse.IsCoupled(net.GroupController[g]);
                for (var r = net.GroupPathStart[g]; r < net.GroupPathStart[g + 1]; r++)
                {
                    if (!net.LinksOf(r).Contains(l))
                    {
                        continue;
                    }

                    var s0 = coupled ? net.GroupPathStart[g] : r;
                    var s1 = coupled ? net.GroupPathStart[g + 1] : r + 1;
                    for (var s = s0; s < s1; s++)
                    {
                        foreach (var k in net.LinksOf(s))
                        {
                            if (mark[k] != l)
                            {
                                mark[k] = l;
                                row.Add(k);
                            }
                        }
                    }
                }
            }

            row.Sort();
            columns.AddRange(row);
            rowStart[l + 1] = columns.Count;
        }

        var cols = columns.ToArray();
        var diagonal = new int[links];
        for (var l = 0; l < links; l++)
        {
            diagonal[l] = Array.BinarySearch(cols, rowStart[l], rowStart[l + 1] - rowStart[l], l);
        }

        // Per-group positions, in evaluator order.
        var groupStart = new int[groups + 1];
        for (var g = 0; g < groups; g++)
        {
            var coupled = BestResponse.IsCoupled(net.GroupController[g]);
            var count = 0;
            for (var r = net.GroupPathStart[g]; r < net.GroupPathStart[g + 1]; r++)
            {
                var s0 = coupled ? net.GroupPathStart[g] : r;
                var s1 = coupled ? net.GroupPathStart[g + 1] : r + 1;
                for (var s = s0; s < s1; s++)
                {
                    count += net.LinksOf(r).Length * net.LinksOf(s).Length;
                }
            }

            groupStart[g + 1] = groupStart[g] + count;
        }

        var positions = new int[groupStart[groups]];
        var at = 0;
        for (var g = 0; g < groups; g++)
        {
            var coupled = BestResponse.IsCoupled(net.GroupController[g]);
            for (var r = net.GroupPathStart[g]; r < net.GroupPathStart[g + 1]; r++)
            {
                var s0 = coupled ? net.GroupPathStart[g] : r;
                var s1 = coupled ? net.GroupPathStart[g + 1] : r + 1;
                for (var s = s0; s < s1; s++)
                {
                    foreach (var l in net.LinksOf(r))
                    {
                        foreach (var k in net.LinksOf(s))
                        {
                            positions[at++] = Array.BinarySearch(cols, rowStart[l], rowStart[l + 1] - rowStart[l], k);
                        }
                    }
                }
            }
        }

        return new LinkJacobianPattern(rowStart, cols, diagonal, groupStart, positions);
    }

    // CSR of the groups crossing each link (each group listed once per link).
    private static (int[] Start, int[] Groups) LinkToGroups(FlowNetwork net)
    {
        var links = net.LinkCount;
        var start = new int[links + 1];
        var last = new int[links];
        Array.Fill(last, -1);
        for (var g = 0; g < net.GroupCount; g++)
        {
            for (var r = net.GroupPathStart[g]; r < net.GroupPathStart[g + 1]; r++)
            {
                foreach (var l in net.LinksOf(r))
                {
                    if (last[l] != g)
                    {
                        last[l] = g;
                        start[l + 1]++;
                    }
                }
            }
        }

        for (var l = 0; l < links; l++)
        {
            start[l + 1] += start[l];
        }

        var fill = (int[])start.Clone();
        var groups = new int[start[links]];
        Array.Fill(last, -1);
        for (var g = 0; g < net.GroupCount; g++)
        {
            for (var r = net.GroupPathStart[g]; r < net.GroupPathStart[g + 1]; r++)
            {
                foreach (var l in net.LinksOf(r))
                {
                    if (last[l] != g)
                    {
                        last[l] = g;
                        groups[fill[l]++] = g;
                    }
                }
            }
        }

        return (start, groups);
    }
}
