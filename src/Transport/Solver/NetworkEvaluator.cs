using MarketSim.Transport.Controllers;

namespace MarketSim.Transport.Solver;

/// <summary>
/// One pass over all groups at given link prices: path losses, per-user rates, link loads, and (optionally)
/// the link Jacobian. This is the hot loop; it allocates nothing.
/// <para>
/// Determinism whatever the thread count: groups are cut into a fixed number of contiguous chunks that
/// depends only on the network size, each chunk sums into its own buffers in group order, and the chunk
/// buffers are added in chunk order. Threads only decide which chunk runs when.
/// </para>
/// </summary>
internal sealed class NetworkEvaluator
{
    private const int GroupsPerChunk = 16_384;
    private const int MaxChunks = 64;
    private const long MaxChunkBufferDoubles = 32L * 1024 * 1024;

    private readonly FlowNetwork net;
    private readonly LinkJacobianPattern pattern;
    private readonly int chunks;
    private readonly double[][] chunkLoad;
    private readonly double[][] chunkElastic;
    private readonly double[][] chunkMass;
    private readonly double[][] chunkJacobian;
    private readonly ResponseWorkspace[] workspaces;
    private readonly double[][] chunkPathLoss;
    private readonly double[][] chunkGroupJacobian;
    private readonly Action<int> chunkBody;
    private readonly Action<int> reduceBody;
    private readonly ParallelOptions parallel;

    private double[] counts = [];
    private double[] prices = [];
    private TieSmoothing smoothing = new(1);
    private bool withJacobian;
    private bool withMass = true;

    public NetworkEvaluator(FlowNetwork net, LinkJacobianPattern pattern, int maxDegreeOfParallelism)
    {
        this.net = net;
        this.pattern = pattern;
        var perChunk = 2L * net.LinkCount + pattern.NonZeros;
        var byMemory = (int)Math.Max(1, MaxChunkBufferDoubles / Math.Max(1, perChunk));
        this.chunks = Math.Clamp((net.GroupCount + GroupsPerChunk - 1) / GroupsPerChunk, 1, Math.Min(MaxChunks, byMemory));
        chunkLoad = new double[this.chunks][];
        chunkElastic = new double[this.chunks][];
        chunkMass = new double[this.chunks][];
        chunkJacobian = new double[this.chunks][];
        workspaces = new ResponseWorkspace[this.chunks];
        chunkPathLoss = new double[this.chunks][];
        chunkGroupJacobian = new double[this.chunks][];
        var n = Math.Max(1, net.MaxPathsPerGroup);
        for (var c = 0; c < this.chunks; c++)
        {
            chunkLoad[c] = new double[net.LinkCount];
            chunkElastic[c] = new double[net.LinkCount];
            chunkMass[c] = new double[net.LinkCount];
            chunkJacobian[c] = new double[pattern.NonZeros];
            workspaces[c] = new ResponseWorkspace(n);
            chunkPathLoss[c] = new double[n];
            chunkGroupJacobian[c] = new double[n * n];
        }

        Rates = new double[net.PathCount];
        PathLosses = new double[net.PathCount];
        CapPrices = new double[net.PathCount];
        Loads = new double[net.LinkCount];
        Elastic = new double[net.LinkCount];
        Mass = new double[net.LinkCount];
        Jacobian = new double[pattern.NonZeros];
        chunkBody = EvaluateChunk;
        reduceBody = ReduceSlice;
        parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxDegreeOfParallelism) };
    }

    /// <summary>Per-user rate of every path (packets/s) at the last evaluation.</summary>
    public double[] Rates { get; }

    /// <summary>Loss p_r of every path at the last evaluation (fixed loss plus link prices, floored).</summary>
    public double[] PathLosses { get; }

    /// <summary>Private access-cap prices (BALIA only), the warm start of its inner solve.</summary>
    public double[] CapPrices { get; }

    /// <summary>Offered load of every link (packets/s).</summary>
    public double[] Loads { get; }

    /// <summary>
    /// Sum over paths crossing the link of count x_r / (2 max(p_r, p_cap,r)): the load's price slope were every
    /// flow Reno, a capped flow counted from the loss p_cap,r at which it would leave its cap.
    /// </summary>
    public double[] Elastic { get; }

    /// <summary>Number of users (sum of group counts) crossing each link; zero marks a link nobody loads.</summary>
    public double[] Mass { get; }

    /// <summary>Link Jacobian values in the pattern's CSR order.</summary>
    public double[] Jacobian { get; }

    public int Evaluations { get; private set; }

    /// <summary>One pass over all groups.</summary>
    /// <param name="counts">Users per group.</param>
    /// <param name="prices">Link prices.</param>
    /// <param name="sharpness">Tie smoothing exponent q.</param>
    /// <param name="withJacobian">Also assemble the link Jacobian.</param>
    /// <param name="withMass">Also recount the users per link (only needed when the counts changed).</param>
    public void Evaluate(double[] counts, double[] prices, double sharpness, bool withJacobian, bool withMass = true)
    {
        this.withMass = withMass;
        this.counts = counts;
        this.prices = prices;
        this.smoothing = new TieSmoothing(sharpness);
        this.withJacobian = withJacobian;
        Evaluations++;
        if (this.chunks == 1 || parallel.MaxDegreeOfParallelism == 1)
        {
            for (var c = 0; c < this.chunks; c++)
            {
                EvaluateChunk(c);
            }
        }
        else
        {
            Parallel.For(0, this.chunks, parallel, chunkBody);
        }

        var slices = this.chunks == 1 ? 1 : Math.Min(parallel.MaxDegreeOfParallelism * 4, 64);
        if (slices == 1 || parallel.MaxDegreeOfParallelism == 1)
        {
            for (var s = 0; s < slices; s++)
            {
                ReduceSlice(s, slices);
            }
        }
        else
        {
            sliceCount = slices;
            Parallel.For(0, slices, parallel, reduceBody);
        }
    }

    private int sliceCount;

    private void ReduceSlice(int slice) => ReduceSlice(slice, sliceCount);

    private void ReduceSlice(int slice, int slices)
    {
        Reduce(chunkLoad, Loads, slice, slices);
        Reduce(chunkElastic, Elastic, slice, slices);
        if (this.withMass)
        {
            Reduce(chunkMass, Mass, slice, slices);
        }
        if (this.withJacobian)
        {
            Reduce(chunkJacobian, Jacobian, slice, slices);
        }
    }

    private void Reduce(double[][] parts, double[] target, int slice, int slices)
    {
        var from = (int)((long)target.Length * slice / slices);
        var to = (int)((long)target.Length * (slice + 1) / slices);
        var span = target.AsSpan(from, to - from);
        parts[0].AsSpan(from, to - from).CopyTo(span);
        for (var c = 1; c < this.chunks; c++)
        {
            var part = parts[c].AsSpan(from, to - from);
            for (var i = 0; i < span.Length; i++)
            {
                span[i] += part[i];
            }
        }
    }

    private void EvaluateChunk(int chunk)
    {
        var net = this.net;
        var groupFrom = (int)((long)net.GroupCount * chunk / this.chunks);
        var groupTo = (int)((long)net.GroupCount * (chunk + 1) / this.chunks);
        var load = chunkLoad[chunk];
        var elastic = chunkElastic[chunk];
        var mass = chunkMass[chunk];
        var jacobian = chunkJacobian[chunk];
        var withJacobian = this.withJacobian;
        var withMass = this.withMass;
        Array.Clear(load);
        Array.Clear(elastic);
        if (withMass)
        {
            Array.Clear(mass);
        }
        if (withJacobian)
        {
            Array.Clear(jacobian);
        }

        var ws = workspaces[chunk];
        var pathLoss = chunkPathLoss[chunk];
        var groupJacobian = chunkGroupJacobian[chunk];
        var prices = this.prices;
        var counts = this.counts;
        var smoothing = this.smoothing;
        var controllers = net.GroupController;
        var pathStart = net.GroupPathStart;
        var linkStart = net.PathLinkStart;
        var pathLinks = net.PathLinks;
        var fixedLoss = net.PathFixedLoss;
        var rtt = net.PathRtt;
        var accessCap = net.PathAccessCap;
        var positions = this.pattern.Positions;
        var positionStart = this.pattern.GroupStart;
        var rates = Rates;
        var losses = PathLosses;
        var capPrices = CapPrices;
        var capLoss = net.PathCapLoss;

        for (var g = groupFrom; g < groupTo; g++)
        {
            var first = pathStart[g];
            var n = pathStart[g + 1] - first;
            for (var r = 0; r < n; r++)
            {
                var path = first + r;
                var sum = fixedLoss[path];
                for (var i = linkStart[path]; i < linkStart[path + 1]; i++)
                {
                    sum += prices[pathLinks[i]];
                }

                var loss = Math.Max(sum, PathLoss.Floor);
                pathLoss[r] = loss;
                losses[path] = loss;
            }

            var controller = controllers[g];
            var w = counts[g];
            var at = positionStart[g];
            var independent = controller is Controller.Reno or Controller.Ewtcp;
            if (independent)
            {
                // Independent subflows: inline, with only the diagonal of the Jacobian.
                var divisor = controller == Controller.Reno ? 1.0 : n;
                for (var r = 0; r < n; r++)
                {
                    var path = first + r;
                    var loss = pathLoss[r];
                    var t = PathLoss.RenoRate(loss, rtt[path]) / divisor;
                    var capped = t >= accessCap[path];
                    var x = capped ? accessCap[path] : t;
                    rates[path] = x;
                    if (w == 0 || !withJacobian)
                    {
                        continue;
                    }

                    var wx = w * x;
                    var slope = capped ? 0.0 : -0.5 * wx / loss;
                    var links = linkStart[path + 1] - linkStart[path];
                    for (var e = 0; e < links * links; e++)
                    {
                        jacobian[positions[at++]] += slope;
                    }
                }
            }
            else
            {
                var d = withJacobian ? groupJacobian.AsSpan(0, n * n) : Span<double>.Empty;
                BestResponse.Compute(
                    controller, pathLoss.AsSpan(0, n), rtt.AsSpan(first, n), accessCap.AsSpan(first, n), smoothing,
                    capPrices.AsSpan(first, n), rates.AsSpan(first, n), d, ws);
            }

            if (w == 0)
            {
                continue;
            }

            // The group's load on its links: count x rate, and the Reno-like slope counted from the cap loss.
            for (var r = 0; r < n; r++)
            {
                var path = first + r;
                var wx = w * rates[path];
                var we = 0.5 * wx / Math.Max(pathLoss[r], capLoss[path]);
                for (var i = linkStart[path]; i < linkStart[path + 1]; i++)
                {
                    var l = pathLinks[i];
                    load[l] += wx;
                    elastic[l] += we;
                }

                if (withMass)
                {
                    for (var i = linkStart[path]; i < linkStart[path + 1]; i++)
                    {
                        mass[pathLinks[i]] += w;
                    }
                }
            }

            if (independent || !withJacobian)
            {
                continue;
            }

            var groupJac = groupJacobian.AsSpan(0, n * n);
            for (var r = 0; r < n; r++)
            {
                var pr = first + r;
                var linksR = linkStart[pr + 1] - linkStart[pr];
                for (var s = 0; s < n; s++)
                {
                    var ps = first + s;
                    var value = w * groupJac[r * n + s];
                    var count = linksR * (linkStart[ps + 1] - linkStart[ps]);
                    for (var e = 0; e < count; e++)
                    {
                        jacobian[positions[at++]] += value;
                    }
                }
            }
        }
    }
}
