using MarketSim.Transport.Benchmarking;

namespace MarketSim.Transport.Tests.Benchmarking;

/// <summary>The benchmark harness reports one sane case per size (no timing thresholds: those belong to benchmarks).</summary>
public sealed class TransportBenchmarkTests
{
    [Fact]
    public void It_reports_every_size_with_ordered_timings_and_no_ratio_without_the_1m_and_100k_sizes()
    {
        var result = TransportBenchmark.Run([200, 1000], links: 50, ticks: 3, warmupTicks: 1);

        Assert.Equal([200, 1000], result.Cases.Select(c => c.Users));
        Assert.All(result.Cases, c =>
        {
            Assert.Equal(Math.Min(50, c.Users / 10), c.Links);
            Assert.Equal(2 * c.Users, c.Paths);
            Assert.True(c.MinSeconds > 0 && c.MinSeconds <= c.MedianSeconds && c.MedianSeconds <= c.MaxSeconds);
            Assert.True(c.MedianEvaluations >= 1);
        });
        Assert.Null(result.MillionToHundredThousandRatio);
        Assert.Equal(3, result.TicksPerCase);
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TransportBenchmark.Run([100], ticks: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TransportBenchmark.Run([100], countChange: 1));
    }
}
