using MarketSim.Market.Population;

namespace MarketSim.Market.Tests;

public class ChunkSurplusTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(127)]
    [InlineData(128)]
    public void Sums_per_segment_are_the_user_by_user_rounded_millionths(int users)
    {
        // Ordinary log-sums, exact ties of half a millionth (either way of even), negatives, a huge one and a user with no
        // option at all (−infinity, which the scalar cast saturates), over every segment and lengths with and without a
        // tail beyond whole vectors.
        var random = new Random(users + 1);
        double[] specials = [0.0000005, 0.0000015, -0.0000025, 2.5e-7, 1e12, double.NegativeInfinity, -3.1415926535];
        var logSum = new double[users];
        var segments = new int[users];
        for (var j = 0; j < users; j++)
        {
            logSum[j] = j % 5 == 0 ? specials[j / 5 % specials.Length] : (random.NextDouble() - 0.3) * 40;
            segments[j] = random.Next(UserSegment.Count);
        }
        var expected = new long[UserSegment.Count];
        long expectedTotal = 0;
        for (var j = 0; j < users; j++)
        {
            var micros = (long)Math.Round(logSum[j] * 1e6);
            expected[segments[j]] += micros;
            expectedTotal += micros;
        }
        var bySegment = new long[UserSegment.Count];
        bySegment[2] = 17; // adds to what is there
        expected[2] += 17;
        var total = ChunkSurplus.AddBySegment(logSum, segments, bySegment);
        Assert.Equal(expectedTotal, total);
        Assert.Equal(expected, bySegment);
    }

    [Fact]
    public void A_segment_per_user_is_required()
        => Assert.Throws<ArgumentException>(() => ChunkSurplus.AddBySegment(new double[4], new int[3], new long[UserSegment.Count]));
}
