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

    private readonly FlowNetwork _net;
    private readonly LinkJacobianPattern _pattern;
    private readonly int _chunks;
    private readonly double[][] _chunkLoad;
    private readonly double[][] _chunkElastic;
    private readonly double[][] _chunkMass;
    private readonly double[][] _chunkJacobian;
    private readonly ResponseWorkspace[] _workspaces;
    private readonly double[][] _chunkPathLoss;
    private readonly double[][] _chunkGroupJacobian;
    private readonly Action<int> _chunkBody;
    private readonly Action<int> _reduceBody;
    private readonly ParallelOptions _parallel;

    private double[] _counts = [];
    private double[] _prices = [];
    private TieSmoothing _smoothing = new(1);
    private bool _withJacobian;
    private bool _withMass = true;

    public NetworkEvaluator(FlowNetwork net, LinkJacobianPattern pattern, int maxDegreeOfParallelism)
    {
        _net = net;
        _pattern = pattern;
        var perChunk = 2L * net.LinkCount + pattern.NonZeros;
        var byMemory = (int)Math.Max(1, MaxChunkBufferDoubles / Math.Max(1, perChunk));
        _chunks = Math.Clamp((net.GroupCount + GroupsPerChunk - 1) / GroupsPerChunk, 1, Math.Min(MaxChunks, byMemory));
        _chunkLoad = new double[_chunks][];
        _chunkElastic = new double[_chunks][];
        _chunkMass = new double[_chunks][];
        _chunkJacobian = new double[_chunks][];
        _workspaces = new ResponseWorkspace[_chunks];
        _chunkPathLoss = new double[_chunks][];
        _chunkGroupJacobian = new double[_chunks][];
        var n = Math.Max(1, net.MaxPathsPerGroup);
        for (var c = 0; c < _chunks; c++)
        {
            _chunkLoad[c] = new double[net.LinkCount];
            _chunkElastic[c] = new double[net.LinkCount];
            _chunkMass[c] = new double[net.LinkCount];
            _chunkJacobian[c] = new double[pattern.NonZeros];
            _workspaces[c] = new ResponseWorkspace(n);
            _chunkPathLoss[c] = new double[n];
            _chunkGroupJacobian[c] = new double[n * n];
        }

        Rates = new double[net.PathCount];
        PathLosses = new double[net.PathCount];
        CapPrices = new double[net.PathCount];
        Loads = new double[net.LinkCount];
        Elastic = new double[net.LinkCount];
        Mass = new double[net.LinkCount];
        Jacobian = new double[pattern.NonZeros];
        _chunkBody = EvaluateChunk;
        _reduceBody = ReduceSlice;
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxDegreeOfParallelism) };
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
        _withMass = withMass;
        _counts = counts;
        _prices = prices;
        _smoothing = new TieSmoothing(sharpness);
        _withJacobian = withJacobian;
        Evaluations++;
        if (_chunks == 1 || _parallel.MaxDegreeOfParallelism == 1)
        {
            for (var c = 0; c < _chunks; c++)
            {
                EvaluateChunk(c);
            }
        }
        else
        {
            Parallel.For(0, _chunks, _parallel, _chunkBody);
        }

        var slices = _chunks == 1 ? 1 : Math.Min(_parallel.MaxDegreeOfParallelism * 4, 64);
        if (slices == 1 || _parallel.MaxDegreeOfParallelism == 1)
        {
            for (var s = 0; s < slices; s++)
            {
                ReduceSlice(s, slices);
            }
        }
        else
        {
            _sliceCount = slices;
            Parallel.For(0, slices, _parallel, _reduceBody);
        }
    }

    private int _sliceCount;

    private void ReduceSlice(int slice) => ReduceSlice(slice, _sliceCount);

    private void ReduceSlice(int slice, int slices)
    {
        Reduce(_chunkLoad, Loads, slice, slices);
        Reduce(_chunkElastic, Elastic, slice, slices);
        if (_withMass)
        {
            Reduce(_chunkMass, Mass, slice, slices);
        }
        if (_withJacobian)
        {
            Reduce(_chunkJacobian, Jacobian, slice, slices);
        }
    }

    private void Reduce(double[][] parts, double[] target, int slice, int slices)
    {
        var from = (int)((long)target.Length * slice / slices);
        var to = (int)((long)target.Length * (slice + 1) / slices);
        var span = target.AsSpan(from, to - from);
        parts[0].AsSpan(from, to - from).CopyTo(span);
        for (var c = 1; c < _chunks; c++)
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
        var net = _net;
        var groupFrom = (int)((long)net.GroupCount * chunk / _chunks);
        var groupTo = (int)((long)net.GroupCount * (chunk + 1) / _chunks);
        var load = _chunkLoad[chunk];
        var elastic = _chunkElastic[chunk];
        var mass = _chunkMass[chunk];
        var jacobian = _chunkJacobian[chunk];
        var withJacobian = _withJacobian;
        var withMass = _withMass;
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

        var ws = _workspaces[chunk];
        var pathLoss = _chunkPathLoss[chunk];
        var groupJacobian = _chunkGroupJacobian[chunk];
        var prices = _prices;
        var counts = _counts;
        var smoothing = _smoothing;
        var controllers = net.GroupController;
        var pathStart = net.GroupPathStart;
        var linkStart = net.PathLinkStart;
        var pathLinks = net.PathLinks;
        var fixedLoss = net.PathFixedLoss;
        var rtt = net.PathRtt;
        var accessCap = net.PathAccessCap;
        var positions = _pattern.Positions;
        var positionStart = _pattern.GroupStart;
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
            if (controller is Controller.Reno or Controller.Ewtcp)
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
                    if (w == 0)
                    {
                        continue;
                    }

                    var wx = w * x;
                    var we = 0.5 * wx / Math.Max(loss, capLoss[path]);
                    var slope = capped ? 0.0 : -0.5 * wx / loss;
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

                    if (withJacobian)
                    {
                        var links = linkStart[path + 1] - linkStart[path];
                        for (var e = 0; e < links * links; e++)
                        {
                            jacobian[positions[at++]] += slope;
                        }
                    }
                }

                continue;
            }

            var p = pathLoss.AsSpan(0, n);
            var xs = rates.AsSpan(first, n);
            var d = withJacobian ? groupJacobian.AsSpan(0, n * n) : Span<double>.Empty;
            BestResponse.Compute(
                controller, p, rtt.AsSpan(first, n), accessCap.AsSpan(first, n), smoothing,
                capPrices.AsSpan(first, n), xs, d, ws);

            if (w == 0)
            {
                continue;
            }

            for (var r = 0; r < n; r++)
            {
                var path = first + r;
                var wx = w * xs[r];
                var we = 0.5 * wx / Math.Max(p[r], capLoss[path]);
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

            if (!withJacobian)
            {
                continue;
            }

            for (var r = 0; r < n; r++)
            {
                var pr = first + r;
                var linksR = linkStart[pr + 1] - linkStart[pr];
                for (var s = 0; s < n; s++)
                {
                    var ps = first + s;
                    var value = w * d[r * n + s];
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
