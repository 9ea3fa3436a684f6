using System.Globalization;
using MarketSim.Market.Randomness;
using MarketSim.Reports.Results;

namespace MarketSim.Experiments.Sweeps;

/// <summary>Turns swept parameters into design points: one value (as text) per parameter path.</summary>
public static class DesignPoints
{
    /// <summary>
    /// Grid: the cartesian product of the lists (last parameter varies fastest). Random, Latin hypercube and
    /// Sobol: <paramref name="samples"/> points inside each parameter's [low, high]; Saltelli, Morris and one at a
    /// time: the points of <see cref="SensitivityDesigns"/> in the same ranges; values are rounded to whole
    /// numbers when both bounds are written as whole numbers. Draws come from the sweep's root seed.
    /// </summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Generate(SweepDesign design, IReadOnlyList<SweptParameter> parameters,
        int samples, ulong seed)
    {
        if (parameters.Count == 0) return [new Dictionary<string, string>()];
        if (design == SweepDesign.Grid) return Grid(parameters);
        var unit = design switch
        {
            SweepDesign.Random => RandomUnit(parameters.Count, samples, seed),
            SweepDesign.LatinHypercube => LatinHypercubeUnit(parameters.Count, samples, seed),
            SweepDesign.Saltelli => SensitivityDesigns.Saltelli(parameters.Count, samples),
            SweepDesign.Morris => SensitivityDesigns.Morris(parameters.Count, samples, seed),
            SweepDesign.OneAtATime => SensitivityDesigns.OneAtATime(parameters.Count),
            _ => new SobolSequence(parameters.Count).Points(samples),
        };
        return unit.Select(u => (IReadOnlyDictionary<string, string>)parameters
            .Select((p, d) => (p.Path, Value: Scale(p, u[d])))
            .ToDictionary(x => x.Path, x => x.Value)).ToList();
    }

    private static List<IReadOnlyDictionary<string, string>> Grid(IReadOnlyList<SweptParameter> parameters)
    {
        var points = new List<IReadOnlyDictionary<string, string>> { new Dictionary<string, string>() };
        foreach (var parameter in parameters)
        {
            points = points.SelectMany(point => parameter.Values.Select(v =>
                (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(point) { [parameter.Path] = v })).ToList();
        }
        return points;
    }

    private static double[][] RandomUnit(int dims, int samples, ulong seed)
    {
        var random = new CounterRandom(seed);
        return Enumerable.Range(0, samples)
            .Select(n => Enumerable.Range(0, dims).Select(d => random.Uniform(RandomStream.Design, n, d)).ToArray()).ToArray();
    }

    private static double[][] LatinHypercubeUnit(int dims, int samples, ulong seed)
    {
        var random = new CounterRandom(seed);
        var points = Enumerable.Range(0, samples).Select(_ => new double[dims]).ToArray();
        for (var d = 0; d < dims; d++)
        {
            // A random permutation of the strata (sorted random keys), jittered inside each stratum.
            var dim = d;
            var strata = Enumerable.Range(0, samples).OrderBy(n => random.Bits(RandomStream.Design, n, dim, 1)).ToArray();
            for (var n = 0; n < samples; n++)
                points[n][d] = (strata[n] + random.Uniform(RandomStream.Design, n, d, 2)) / samples;
        }
        return points;
    }

    private static string Scale(SweptParameter p, double u)
    {
        var low = double.Parse(p.Values[0], CultureInfo.InvariantCulture);
        var high = double.Parse(p.Values[1], CultureInfo.InvariantCulture);
        var value = low + u * (high - low);
        var whole = IsWhole(p.Values[0]) && IsWhole(p.Values[1]);
        return whole
            ? Math.Round(value, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);
    }

    private static bool IsWhole(string text) => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
}
