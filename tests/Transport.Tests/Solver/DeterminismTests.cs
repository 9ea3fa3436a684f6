using MarketSim.Transport.Solver;
using MarketSim.Transport.Synthetic;

namespace MarketSim.Transport.Tests.Solver;

/// <summary>Same input, same output bits, whatever the number of threads.</summary>
public sealed class DeterminismTests
{
    [Fact]
    public void Rates_and_prices_are_bit_identical_for_one_two_and_four_threads()
    {
        // 40,000 groups span several evaluation chunks, so the threads really split the work.
        var synthetic = SyntheticNetworks.AccessNetwork(40_000, 400);
        var results = new[] { 1, 2, 4 }.Select(threads =>
        {
            var solver = new FlowSolver(synthetic.Network, new SolverOptions { MaxDegreeOfParallelism = threads });
            var rates = new double[synthetic.Network.PathCount];
            solver.Solve(synthetic.Counts, rates);
            return (Rates: rates, Prices: solver.LinkPrices.ToArray());
        }).ToArray();

        for (var i = 1; i < results.Length; i++)
        {
            Assert.True(results[0].Rates.AsSpan().SequenceEqual(results[i].Rates), "rates differ");
            Assert.True(results[0].Prices.AsSpan().SequenceEqual(results[i].Prices), "prices differ");
        }
    }
}
