using MarketSim.Transport.Links;

namespace MarketSim.Transport.Solver;

/// <summary>
/// Every link's residual Phi (<see cref="LinkResidual"/>) at the evaluator's current point, with its partial
/// derivatives by load and by log price, and the loss each capacity link's price is compared with (its share
/// scale, held fixed while a step is searched).
/// </summary>
internal sealed class LinkResiduals
{
    private readonly FlowNetwork net;
    private readonly NetworkEvaluator eval;
    private readonly double[] shareScale;
    private readonly double[] negligibleUtilisation;

    public LinkResiduals(FlowNetwork net, NetworkEvaluator eval)
    {
        this.net = net;
        this.eval = eval;
        var links = net.LinkCount;
        Phi = new double[links];
        ByLoad = new double[links];
        ByLogPrice = new double[links];
        shareScale = new double[links];
        negligibleUtilisation = new double[links];
        for (var l = 0; l < links; l++)
        {
            negligibleUtilisation[l] = net.LinkModels[l] == LinkModel.LossMM1K
                ? MM1KLoss.InverseBlocking(LinkResidual.LossFloor, net.LinkBuffer[l], out _)
                : 0;
        }
    }

    /// <summary>Residual of every link (0 for a link nobody crosses).</summary>
    public double[] Phi { get; }

    /// <summary>d Phi / d load of every link.</summary>
    public double[] ByLoad { get; }

    /// <summary>d Phi / d ln(price) of every link, through its own model (loss links).</summary>
    public double[] ByLogPrice { get; }

    /// <summary>Largest |Phi| at the last <see cref="Compute"/>.</summary>
    public double Largest { get; private set; }

    /// <summary>The loss the link's price is compared with in this iteration.</summary>
    public double ShareScale(int link) => shareScale[link];

    /// <summary>
    /// Fixes, for the coming iteration, the loss each capacity link's price is compared with (its paths' mean
    /// loss at the current point): held fixed while the step is searched, the price side of the min is linear
    /// in the price, so the merit along a step measures the step and not a moving normalisation.
    /// </summary>
    public void UpdateShareScale(double[] prices)
    {
        for (var l = 0; l < prices.Length; l++)
        {
            shareScale[l] = LinkResidual.ShareScale(prices[l], this.eval.Loads[l], this.eval.Elastic[l]);
        }
    }

    /// <summary>Computes every link residual at the evaluator's state and <paramref name="prices"/>.</summary>
    public void Compute(double[] prices)
    {
        var worst = 0.0;
        for (var l = 0; l < prices.Length; l++)
        {
            if (this.eval.Mass[l] == 0)
            {
                Phi[l] = 0;
                continue;
            }

            var phi = LinkResidual.Compute(
                this.net, l, prices[l], this.eval.Loads[l], shareScale[l], negligibleUtilisation[l], out ByLoad[l], out ByLogPrice[l]);
            Phi[l] = phi;
            worst = Math.Max(worst, Math.Abs(phi));
        }

        Largest = worst;
    }
}
