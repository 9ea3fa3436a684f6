using MarketSim.Market.Randomness;

namespace MarketSim.Market.Tests;

public class CounterRandomTests
{
    [Fact]
    public void The_same_key_always_gives_the_same_draw()
    {
        var a = new CounterRandom(7);
        var b = new CounterRandom(7);
        Assert.Equal(a.Uniform(RandomStream.Choice, 12345, 3), b.Uniform(RandomStream.Choice, 12345, 3));
    }

    [Theory]
    [InlineData(8UL, RandomStream.Choice, 12345L, 3)]
    [InlineData(7UL, RandomStream.Review, 12345L, 3)]
    [InlineData(7UL, RandomStream.Choice, 12346L, 3)]
    [InlineData(7UL, RandomStream.Choice, 12345L, 4)]
    public void Changing_any_part_of_the_key_changes_the_draw(ulong seed, RandomStream stream, long agent, int tick)
    {
        var reference = new CounterRandom(7).Uniform(RandomStream.Choice, 12345, 3);
        Assert.NotEqual(reference, new CounterRandom(seed).Uniform(stream, agent, tick));
    }

    [Fact]
    public void Uniform_draws_lie_strictly_inside_the_unit_interval_with_the_right_moments()
    {
        var random = new CounterRandom(99);
        const int n = 200_000;
        double sum = 0, sumSq = 0;
        for (var i = 0; i < n; i++)
        {
            var u = random.Uniform(RandomStream.Location, i, 0);
            Assert.InRange(u, double.Epsilon, 1 - 1e-17);
            sum += u;
            sumSq += u * u;
        }
        double mean = sum / n, variance = sumSq / n - mean * mean;
        Assert.Equal(0.5, mean, 0.005);
        Assert.Equal(1.0 / 12, variance, 0.002);
    }

    [Fact]
    public void Derived_run_seeds_differ_per_run_and_are_stable()
    {
        Assert.Equal(CounterRandom.DeriveSeed(1, 0), CounterRandom.DeriveSeed(1, 0));
        Assert.NotEqual(CounterRandom.DeriveSeed(1, 0), CounterRandom.DeriveSeed(1, 1));
        Assert.NotEqual(CounterRandom.DeriveSeed(1, 0), CounterRandom.DeriveSeed(2, 0));
    }

    [Fact]
    public void A_draw_from_the_stream_key_is_the_keyed_draw_to_the_last_bit()
    {
        var random = new CounterRandom(0xC0FFEE);
        foreach (var stream in Enum.GetValues<RandomStream>())
        {
            var key = random.StreamKey(stream);
            for (long agent = 0; agent < 300; agent += 7)
            {
                for (var tick = 0; tick < 40; tick += 13)
                {
                    Assert.Equal(random.Uniform(stream, agent, tick), CounterRandom.Uniform(key, agent, tick));
                    Assert.Equal(random.Uniform(stream, agent, tick, 3), CounterRandom.Uniform(key, agent, tick, 3));
                }
            }
        }
    }

    [Fact]
    public void Draws_for_a_span_of_agents_are_the_one_agent_draws_to_the_last_bit()
    {
        var random = new CounterRandom(0xBADC0DE);
        var key = random.StreamKey(RandomStream.Review);
        // Lengths around the vector width (the scalar tail), negative ids (sign extension), the largest ids and ticks.
        int[] ids = [0, 1, -1, 7, int.MaxValue, int.MinValue, 123_456_789, 42, 9_999_999, 5, -77, 3, 1 << 30];
        foreach (var tick in new[] { 0, 1, 119, int.MaxValue, -1, int.MinValue })
        {
            for (var length = 0; length <= ids.Length; length++)
            {
                var uniforms = new double[length];
                CounterRandom.Uniforms(key, ids.AsSpan(0, length), tick, uniforms);
                for (var i = 0; i < length; i++)
                {
                    Assert.Equal(BitConverter.DoubleToInt64Bits(random.Uniform(RandomStream.Review, ids[i], tick)),
                        BitConverter.DoubleToInt64Bits(uniforms[i]));
                }
            }
        }
    }
}
