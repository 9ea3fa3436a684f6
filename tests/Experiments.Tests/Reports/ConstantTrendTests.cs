using MarketSim.Reports;

namespace MarketSim.Experiments.Tests.Reports;

public class ConstantTrendTests
{
    [Fact]
    public void A_constant_outcome_has_an_exactly_constant_trend()
    {
        // A fixed price of 20 at 30 design points: the weighted fits returned 20 up to 1e-14, which a plot scaled to it
        // showed as a zig-zag.
        var x = Enumerable.Range(0, 30).Select(i => 0.1 + 0.6 * ((i * 7) % 30) / 29.0).ToArray();
        var trend = LocalTrend.Of(x, Enumerable.Repeat(20.0, x.Length).ToArray());
        Assert.Equal(LocalTrend.Resolution, trend.Count);
        Assert.All(trend, t => Assert.Equal(20.0, t.Y));
        Assert.Equal(x.Min(), trend[0].X);
        Assert.Equal(x.Max(), trend[^1].X, 12);
    }
}
