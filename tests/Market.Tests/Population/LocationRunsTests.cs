using MarketSim.Market.Population;

namespace MarketSim.Market.Tests;

public class LocationRunsTests
{
    [Theory]
    [InlineData(true, 7)]
    [InlineData(false, 7)]
    [InlineData(true, 128)]
    [InlineData(false, 1)]
    public void Sets_and_segments_from_the_runs_are_each_drawnown(bool byLocation, int chunk)
    {
        // Users by (location, device draw) as a run's blocks hold them, or in any order (shorter runs): in chunks that cut
        // runs anywhere, each user gets the option set and segment of its own location, place and device draw.
        var random = new Random(chunk + (byLocation ? 1 : 0));
        const int users = 500;
        var drawn = Enumerable.Range(0, users).Select(_ => (Location: random.Next(9), Draw: random.NextDouble())).ToArray();
        if (byLocation) drawn = [.. drawn.OrderBy(u => u.Location).ThenBy(u => u.Draw)];
        var locations = drawn.Select(u => u.Location).ToArray();
        var places = locations.Select(l => l % 3 == 0 ? 2 : 0).ToArray();
        var draws = drawn.Select(u => u.Draw).ToArray();
        var runs = new LocationRuns(locations, places, draws);
        Assert.True(byLocation ? runs.Count <= 9 : runs.Count > 100);
        foreach (var share in new[] { 0.0, 0.35, draws[17], 1.0 })
        {
            runs.SetCapableShare(share);
            var sets = new int[users];
            var segments = new int[users];
            var run = 0;
            for (var first = 0; first < users; first += chunk)
            {
                var n = Math.Min(chunk, users - first);
                run = runs.Fill(first, run, sets.AsSpan(first, n), segments.AsSpan(first, n));
            }
            for (var i = 0; i < users; i++)
            {
                var capable = draws[i] < share;
                Assert.Equal(MonthUtilityTable.SetOf(locations[i], capable), sets[i]);
                Assert.Equal(places[i] + (capable ? 1 : 0), segments[i]);
            }
        }
    }

    [Fact]
    public void No_drawnmake_no_runs()
    {
        var runs = new LocationRuns([], [], []);
        runs.SetCapableShare(0.5);
        Assert.Equal(0, runs.Count);
    }
}
