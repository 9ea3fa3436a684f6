using MarketSim.Transport.Linear;
using MarketSim.Transport.Links;

namespace MarketSim.Transport.Solver;

/// <summary>
/// One semismooth Newton step on the link prices: classifies every link (<see cref="LinkState"/>), assembles the
/// system dPhi_A/dv_A dv_A = -Phi_A of the active links in v = ln(price), with the known changes of the other
/// links moved to the right, and solves it by ILU(0)-preconditioned GMRES; then gives each link's price at any
/// fraction of the step. See <see cref="PriceNewton"/> for why each state moves as it does.
/// </summary>
internal sealed class NewtonStep
{
    /// <summary>Largest change of ln(price) per link and iteration.</summary>
    public const double MaxLogStep = 5.0;

    /// <summary>Largest price a link may take.</summary>
    public const double MaxPrice = 1e6;

    private const double ReleaseShare = 1e-3;
    private const int MaxGmresIterations = 400;

    private readonly FlowNetwork net;
    private readonly LinkJacobianPattern pattern;
    private readonly NetworkEvaluator eval;
    private readonly LinkState[] state;
    private readonly int[] row;
    private readonly int[] rowLink;
    private readonly double[] change;
    private readonly double[] rhs;
    private readonly double[] solution;
    private readonly SparseSystem system;
    private readonly Ilu0 ilu;
    private readonly Gmres gmres;

    public NewtonStep(FlowNetwork net, LinkJacobianPattern pattern, NetworkEvaluator eval)
    {
        this.net = net;
        this.pattern = pattern;
        this.eval = eval;
        var links = net.LinkCount;
        this.state = new LinkState[links];
        row = new int[links];
        rowLink = new int[links];
        this.change = new double[links];
        this.rhs = new double[links];
        solution = new double[links];
        this.system = new SparseSystem(links, pattern.NonZeros);
        ilu = new Ilu0(links, pattern.NonZeros);
        gmres = new Gmres(links);
    }

    /// <summary>The link's state in the last <see cref="Build"/>.</summary>
    public LinkState StateOf(int link) => this.state[link];

    /// <summary>
    /// Classifies the links at <paramref name="prices"/> and solves the Newton system of the active ones to the
    /// relative accuracy <paramref name="linearTolerance"/>.
    /// </summary>
    public void Build(double[] prices, LinkResiduals residuals, ComponentSearch search, double linearTolerance)
    {
        var rows = 0;
        for (var l = 0; l < this.net.LinkCount; l++)
        {
            Classify(l, prices[l], residuals.ShareScale(l));
            row[l] = -1;
            if (this.state[l] == LinkState.Active)
            {
                row[l] = rows;
                rowLink[rows++] = l;
            }
        }

        this.system.Reset(rows);
        var rowStart = this.pattern.RowStart;
        var columns = this.pattern.Columns;
        var jac = this.eval.Jacobian;
        var elastic = this.eval.Elastic;
        var phi = residuals.Phi;
        var byLoad = residuals.ByLoad;
        var byLogPrice = residuals.ByLogPrice;
        for (var i = 0; i < rows; i++)
        {
            var l = rowLink[i];
            var isCapacity = this.net.LinkModels[l] == LinkModel.Capacity;
            var rhs = -phi[l];

            // d Phi_l / d v_k = (d Phi_l / d y_l) J_lk price_k, v = ln(price), plus the link's own term.
            for (var e = rowStart[l]; e < rowStart[l + 1]; e++)
            {
                var k = columns[e];
                var derivative = byLoad[l] * jac[e];
                var j = row[k];
                if (j < 0)
                {
                    rhs -= derivative * this.change[k];
                    continue;
                }

                var value = derivative * prices[k];
                if (k == l)
                {
                    if (isCapacity)
                    {
                        // Borrowed Reno-like slope where the flows are capped, plus the Levenberg term.
                        var flat = Math.Max(0, elastic[l] - 100 * Math.Max(0, -jac[e]));
                        value -= byLoad[l] * (search.Damping(search.ComponentOf[l]) * elastic[l] + flat) * prices[l];
                    }
                    else
                    {
                        value += byLogPrice[l];
                    }
                }

                this.system.Append(j, value);
            }

            this.system.EndRow();
            this.rhs[i] = rhs;
            solution[i] = 0;
        }

        if (rows == 0)
        {
            return;
        }

        ilu.Factor(this.system);
        gmres.Solve(this.system, ilu, this.rhs.AsSpan(0, rows), solution.AsSpan(0, rows), linearTolerance, MaxGmresIterations);
    }

    /// <summary>The link's price a fraction <paramref name="t"/> along the step from <paramref name="price"/>.</summary>
    public double PriceAt(int link, double price, double t) => this.state[link] switch
    {
        LinkState.Released or LinkState.Decaying or LinkState.Entering => price + t * this.change[link],
        LinkState.Active => Math.Min(price * Math.Exp(t * Math.Clamp(solution[row[link]], -MaxLogStep, MaxLogStep)), MaxPrice),
        _ => price,
    };

    /// <summary>The price at which the link's flows, were they Reno, would just fill it: P ((y/c)^2 - 1).</summary>
    public double EnteringPrice(int link)
    {
        var load = this.eval.Loads[link];
        var capacity = this.net.LinkCapacity[link];
        if (load <= capacity || this.eval.Elastic[link] <= 0)
        {
            return 0;
        }

        var ratio = load / capacity;
        return Math.Min(MaxPrice, LinkResidual.MeanPathLoss(load, this.eval.Elastic[link]) * (ratio * ratio - 1));
    }

    private void Classify(int link, double price, double shareScale)
    {
        var load = this.eval.Loads[link];
        this.change[link] = 0;
        if (this.eval.Mass[link] == 0)
        {
            this.state[link] = LinkState.Free;
            return;
        }

        if (this.net.LinkModels[link] == LinkModel.LossMM1K)
        {
            if (price > LinkResidual.LossFloor)
            {
                this.state[link] = LinkState.Active;
                return;
            }

            // Start from the loss at the current load (the fixed point's own update).
            var blocking = MM1KLoss.Blocking(load / this.net.LinkCapacity[link], this.net.LinkBuffer[link]);
            this.change[link] = blocking > LinkResidual.LossFloor ? Math.Min(blocking, MaxPrice) - price : 0;
            this.state[link] = this.change[link] != 0 ? LinkState.Entering : LinkState.Resting;
            return;
        }

        if (price == 0)
        {
            this.change[link] = EnteringPrice(link);
            this.state[link] = this.change[link] > 0 ? LinkState.Entering : LinkState.Resting;
            return;
        }

        var share = price / shareScale;
        if (load == 0 || LinkResidual.LogSlack(this.net.LinkCapacity[link], load) > share)
        {
            var release = load == 0 || share < ReleaseShare;
            this.state[link] = release ? LinkState.Released : LinkState.Decaying;
            this.change[link] = release ? -price : price * (Math.Exp(-MaxLogStep) - 1);
            return;
        }

        this.state[link] = LinkState.Active;
    }
}
