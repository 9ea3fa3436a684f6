using System.Globalization;
using MarketSim.Experiments.Sweeps;
using MarketSim.Reports.Results;

namespace MarketSim.Experiments.Tests.Sweeps;

public class DesignPointsTests
{
    private static readonly SweptParameter A = new("a", 1, ["1", "2", "3"]);
    private static readonly SweptParameter B = new("b", 2, ["x", "y"]);
    private static readonly SweptParameter Range01 = new("u", 3, ["0.0", "1.0"]);
    private static readonly SweptParameter Range10 = new("v", 4, ["10", "20"]);

    [Fact]
    public void A_grid_crosses_every_value_with_the_last_parameter_fastest()
    {
        var points = DesignPoints.Generate(SweepDesign.Grid, [A, B], 0, 1);
        Assert.Equal(["1x", "1y", "2x", "2y", "3x", "3y"], points.Select(p => p["a"] + p["b"]));
    }

    [Theory]
    [InlineData(SweepDesign.LatinHypercube, 10)]
    [InlineData(SweepDesign.Sobol, 16)]
    public void Stratified_designs_put_one_point_in_each_stratum_of_every_parameter(SweepDesign design, int samples)
    {
        var points = DesignPoints.Generate(design, [Range01, new SweptParameter("w", 5, ["0", "1.0"]), new SweptParameter("z", 6, ["0.0", "1"])], samples, 7);
        foreach (var key in new[] { "u", "w", "z" })
        {
            var strata = points.Select(p => (int)Math.Floor(double.Parse(p[key], CultureInfo.InvariantCulture) * samples)).Order();
            Assert.Equal(Enumerable.Range(0, samples), strata);
        }
    }

    [Fact]
    public void Sobol_points_are_the_published_sequence()
    {
        // Dimensions 1 and 2 (Joe and Kuo): (0, 0), (0.5, 0.5), (0.75, 0.25), (0.25, 0.75), (0.375, 0.375).
        var points = new SobolSequence(2).Points(5);
        Assert.Equal([0.0, 0.0], points[0]);
        Assert.Equal([0.5, 0.5], points[1]);
        Assert.Equal([0.75, 0.25], points[2]);
        Assert.Equal([0.25, 0.75], points[3]);
        Assert.Equal([0.375, 0.375], points[4]);
    }

    [Fact]
    public void Random_points_stay_inside_their_bounds_and_whole_bounds_give_whole_values()
    {
        var points = DesignPoints.Generate(SweepDesign.Random, [Range10], 50, 3);
        Assert.All(points, p => Assert.InRange(int.Parse(p["v"], CultureInfo.InvariantCulture), 10, 20));
        Assert.True(points.Select(p => p["v"]).Distinct().Count() > 5);
    }

    [Fact]
    public void The_same_seed_gives_the_same_random_design()
        => Assert.Equal(
            DesignPoints.Generate(SweepDesign.LatinHypercube, [Range01], 8, 5).Select(p => p["u"]),
            DesignPoints.Generate(SweepDesign.LatinHypercube, [Range01], 8, 5).Select(p => p["u"]));
}
