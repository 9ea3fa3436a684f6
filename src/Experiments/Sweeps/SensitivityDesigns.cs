using MarketSim.Market.Randomness;
using MarketSim.Reports.Results;

namespace MarketSim.Experiments.Sweeps;

/// <summary>
/// Unit-cube points of the sensitivity designs (Saltelli, Morris, one at a time) and where each point sits in its
/// design, so that `marketsim analyze` can pair the runs back up from point indices alone.
/// </summary>
public static class SensitivityDesigns
{
    /// <summary>Grid levels of the Morris design (Saltelli et al. 2008 recommend 4).</summary>
    public const int MorrisLevels = 4;

    /// <summary>Morris step as a fraction of each range: levels / (2 (levels − 1)) = 2/3.</summary>
    public const double MorrisStep = MorrisLevels / (2.0 * (MorrisLevels - 1));

    /// <summary>Points per Saltelli block: A_j, A_B^1_j .. A_B^k_j, B_j (the order SALib uses).</summary>
    public static int SaltelliBlock(int parameters) => parameters + 2;

    /// <summary>
    /// Saltelli: base samples <paramref name="samples"/> → N (k + 2) points. Row j of A is point j + 1 of the
    /// 2k-dimensional Sobol sequence's first k coordinates and row j of B its last k (the origin is skipped, as SALib
    /// does: there A = B and the row carries no information).
    /// </summary>
    public static double[][] Saltelli(int parameters, int samples)
    {
        var sobol = new SobolSequence(2 * parameters).Points(samples + 1);
        var block = SaltelliBlock(parameters);
        var points = new double[samples * block][];
        for (var j = 0; j < samples; j++)
        {
            var a = sobol[j + 1][..parameters];
            var b = sobol[j + 1][parameters..];
            points[j * block] = a;
            for (var i = 0; i < parameters; i++)
            {
                var ab = (double[])a.Clone();
                ab[i] = b[i];
                points[j * block + 1 + i] = ab;
            }
            points[j * block + block - 1] = b;
        }
        return points;
    }

    /// <summary>
    /// Morris: <paramref name="trajectories"/> trajectories of k + 1 points. A trajectory starts at a random grid point
    /// (levels 0, 1/3, 2/3, 1) and moves the parameters one at a time, in a random order, by ±2/3 (up from 0 and 1/3,
    /// down from 2/3 and 1), so every step stays on the grid. Draws come from <paramref name="seed"/>.
    /// </summary>
    public static double[][] Morris(int parameters, int trajectories, ulong seed)
    {
        var random = new CounterRandom(seed);
        var points = new double[trajectories * (parameters + 1)][];
        for (var t = 0; t < trajectories; t++)
        {
            var trajectory = t;
            var x = Enumerable.Range(0, parameters)
                .Select(i => (int)(random.Uniform(RandomStream.Design, trajectory, i, 0) * MorrisLevels) / (double)(MorrisLevels - 1)).ToArray();
            var order = Enumerable.Range(0, parameters).OrderBy(i => random.Bits(RandomStream.Design, trajectory, i, 1)).ToArray();
            points[t * (parameters + 1)] = (double[])x.Clone();
            for (var s = 0; s < parameters; s++)
            {
                var i = order[s];
                x[i] = x[i] + MorrisStep <= 1 + 1e-12 ? x[i] + MorrisStep : x[i] - MorrisStep;
                points[t * (parameters + 1) + s + 1] = (double[])x.Clone();
            }
        }
        return points;
    }

    /// <summary>One at a time: the base point (all 0.5), then for each parameter i the base with i at 0, then at 1.</summary>
    public static double[][] OneAtATime(int parameters)
    {
        var points = new double[2 * parameters + 1][];
        points[0] = Enumerable.Repeat(0.5, parameters).ToArray();
        for (var i = 0; i < parameters; i++)
        {
            points[2 * i + 1] = (double[])points[0].Clone();
            points[2 * i + 1][i] = 0;
            points[2 * i + 2] = (double[])points[0].Clone();
            points[2 * i + 2][i] = 1;
        }
        return points;
    }

    /// <summary>Number of design points a sensitivity design makes.</summary>
    public static int PointCount(SweepDesign design, int parameters, int samples) => design switch
    {
        SweepDesign.Saltelli => samples * SaltelliBlock(parameters),
        SweepDesign.Morris => samples * (parameters + 1),
        SweepDesign.OneAtATime => 2 * parameters + 1,
        _ => throw new ArgumentOutOfRangeException(nameof(design), design, "not a sensitivity design"),
    };
}
