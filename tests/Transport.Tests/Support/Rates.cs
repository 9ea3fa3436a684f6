using MarketSim.Transport.Solver;

namespace MarketSim.Transport.Tests.Support;

/// <summary>Small helpers to read solver output per group.</summary>
internal static class Rates
{
    public static double TotalOf(FlowNetwork net, GroupId group, ReadOnlySpan<double> perUserPathRates)
    {
        var total = 0.0;
        for (var r = 0; r < net.PathCountOf(group); r++)
        {
            total += perUserPathRates[net.FirstPathOf(group) + r];
        }

        return total;
    }

    /// <summary>What one Reno flow gets on a path at the solver's final path loss.</summary>
    public static double RenoRateOn(FlowSolver solver, int path) =>
        Math.Sqrt(2 / solver.PathLosses[path]) / solver.Network.RttOf(path);
}
