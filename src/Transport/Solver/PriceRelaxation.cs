using MarketSim.Transport.Links;

namespace MarketSim.Transport.Solver;

/// <summary>
/// The safe fallback of the equilibrium solve: nonlinear Gauss-Seidel over links, each link's price set by
/// bisection (in log price) so that its own condition holds with the other prices fixed — capacity link: price 0
/// if the link is not full at price 0, otherwise the price at which its load equals its capacity; loss link:
/// price = B(load / capacity). Each one-dimensional problem has a monotone residual (a link's load falls as its
/// own price rises), so every step is well defined and cannot oscillate within a link; sweeps repeat until every
/// link holds its condition to the tolerance. Far slower than Newton (one network evaluation per bisection
/// step), so it only runs where Newton failed — typically degenerate complementarity, a link that is exactly
/// full at zero price, where a semismooth Newton step can cycle.
/// </summary>
internal sealed class PriceRelaxation(FlowNetwork net, NetworkEvaluator eval)
{
    private const double MinLogPrice = -60;   // e^-60 ~ 1e-26: below any loss that matters
    private const double MaxLogPrice = -1e-9; // loss < 1
    private const int BisectionSteps = 60;

    /// <summary>Runs sweeps from <paramref name="prices"/> (updated in place); true when every link holds its
    /// condition within <paramref name="tolerance"/> (relative load error). <paramref name="sweeps"/> is the
    /// number of sweeps taken (at most <paramref name="maxSweeps"/>).</summary>
    public bool Run(double[] counts, double[] prices, double sharpness, double tolerance, int maxSweeps, out double residual, out int sweeps)
    {
        var used = LinksInUse();
        residual = double.PositiveInfinity;
        sweeps = 0;
        while (sweeps < maxSweeps)
        {
            sweeps++;
            foreach (var link in used)
            {
                prices[link] = SolveLink(link, counts, prices, sharpness, tolerance);
            }

            eval.Evaluate(counts, prices, sharpness, withJacobian: false);
            residual = 0;
            foreach (var link in used)
            {
                residual = Math.Max(residual, Violation(link, prices[link], eval.Loads[link]));
            }

            if (residual <= tolerance)
            {
                return true;
            }
        }

        return false;
    }

    private List<int> LinksInUse()
    {
        var used = new bool[net.LinkCount];
        for (var path = 0; path < net.PathCount; path++)
        {
            for (var k = net.PathLinkStart[path]; k < net.PathLinkStart[path + 1]; k++)
            {
                used[net.PathLinks[k]] = true;
            }
        }

        return Enumerable.Range(0, net.LinkCount).Where(l => used[l]).ToList();
    }

    /// <summary>How far the link is from its condition, as a relative load error (0 when it holds).</summary>
    private double Violation(int link, double price, double load)
    {
        var capacity = net.LinkCapacity[link];
        if (net.LinkModels[link] == LinkModel.Capacity)
        {
            var over = Math.Max(0, load - capacity) / capacity;
            return price > 0 ? Math.Abs(load - capacity) / capacity : over;
        }

        var target = MM1KLoss.Blocking(load / capacity, net.LinkBuffer[link]);
        return Math.Abs(price - target) / Math.Max(target, LinkResidual.LossFloor);
    }

    /// <summary>The link's price with every other price fixed.</summary>
    private double SolveLink(int link, double[] counts, double[] prices, double sharpness, double tolerance)
    {
        if (net.LinkModels[link] == LinkModel.Capacity)
        {
            prices[link] = 0;
            if (Load(link, counts, prices, sharpness) <= net.LinkCapacity[link])
            {
                return 0;
            }
        }

        double lo = MinLogPrice, hi = MaxLogPrice;
        for (var step = 0; step < BisectionSteps && hi - lo > tolerance * 1e-3; step++)
        {
            var mid = 0.5 * (lo + hi);
            prices[link] = Math.Exp(mid);
            if (Excess(link, counts, prices, sharpness) > 0)
            {
                lo = mid; // still too much load (or too little loss): raise the price
            }
            else
            {
                hi = mid;
            }
        }

        return Math.Exp(0.5 * (lo + hi));
    }

    /// <summary>Positive while the price must rise: load above capacity, or loss below the blocking probability.</summary>
    private double Excess(int link, double[] counts, double[] prices, double sharpness)
    {
        var load = Load(link, counts, prices, sharpness);
        var capacity = net.LinkCapacity[link];
        return net.LinkModels[link] == LinkModel.Capacity
            ? load - capacity
            : MM1KLoss.Blocking(load / capacity, net.LinkBuffer[link]) - prices[link];
    }

    private double Load(int link, double[] counts, double[] prices, double sharpness)
    {
        eval.Evaluate(counts, prices, sharpness, withJacobian: false);
        return eval.Loads[link];
    }
}
