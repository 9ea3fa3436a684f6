using System.Runtime.Intrinsics;
using MarketSim.Market.Pricing;

namespace MarketSim.Market.Tests.Pricing;

/// <summary>
/// The review chain's long-run demand derivatives against an independent reference: logit rows built here from
/// utilities u(h, o) + t s(h, o), their stationary distribution by the scalar routine at t = ±e, ±2e, and five-point
/// differences.
/// </summary>
public class StationaryDerivativesTests
{
    /// <summary>Logit rows of utilities u + t × slope (K x K), scaled by each row's maximum.</summary>
    private static double[] Rows(double[] utility, double[] slope, double t, int k)
    {
        var rows = new double[k * k];
        for (var h = 0; h < k; h++)
        {
            var max = double.NegativeInfinity;
            for (var o = 0; o < k; o++) max = Math.Max(max, utility[h * k + o] + t * slope[h * k + o]);
            double sum = 0;
            for (var o = 0; o < k; o++) sum += rows[h * k + o] = Math.Exp(utility[h * k + o] + t * slope[h * k + o] - max);
            for (var o = 0; o < k; o++) rows[h * k + o] /= sum;
        }
        return rows;
    }

    private static double[] Stationary(double[] rows, int k)
    {
        var pi = new double[k];
        StationaryDistribution.Solve(rows.ToArray(), k, pi);
        return pi;
    }

    /// <summary>A random chain with a strong stay bonus (inertia) and slopes that differ by held portfolio (rebates).</summary>
    private static (double[] Utility, double[] Weight) Chain(int k, Random random)
    {
        var utility = new double[k * k];
        var weight = new double[k * k];
        for (var h = 0; h < k; h++)
        {
            for (var o = 0; o < k; o++)
            {
                utility[h * k + o] = 2 * random.NextDouble() + (h == o ? 3 : 0);
                weight[h * k + o] = random.NextDouble() * (o % 3 == 0 ? 0 : 1) + 0.2 * (h == o ? 1 : 0);
            }
        }
        return (utility, weight);
    }

    [Theory]
    [InlineData(3, 1, false)]
    [InlineData(7, 2, false)]
    [InlineData(9, 3, false)]
    [InlineData(5, 4, true)]
    public void First_and_second_derivatives_match_differences_of_the_stationary_distribution(int k, int seed, bool oneRow)
    {
        var random = new Random(seed);
        const double scale = -1.3; // utilities move by scale × weight (the oracle's −alpha × fee weight)
        var lanes = Enumerable.Range(0, 4).Select(_ => Chain(k, random)).ToArray();
        if (oneRow)
        {
            // Every row alike: copy row 0 down.
            foreach (var (utility, weight) in lanes)
            {
                for (var h = 1; h < k; h++)
                {
                    Array.Copy(utility, 0, utility, h * k, k);
                    Array.Copy(weight, 0, weight, h * k, k);
                }
            }
        }
        var transitions = new Vector256<double>[k * k];
        var weights = new Vector256<double>[k * k];
        var rows = lanes.Select(c => Rows(c.Utility, c.Weight.Select(w => scale * w).ToArray(), 0, k)).ToArray();
        for (var x = 0; x < k * k; x++)
        {
            transitions[x] = Vector256.Create(rows[0][x], rows[1][x], rows[2][x], rows[3][x]);
            weights[x] = Vector256.Create(lanes[0].Weight[x], lanes[1].Weight[x], lanes[2].Weight[x], lanes[3].Weight[x]);
        }
        Vector256<double>[] pi = new Vector256<double>[k], first = new Vector256<double>[k], second = new Vector256<double>[k];
        StationaryDerivatives.Solve(transitions, weights, scale, k, oneRow, pi, first, second, new Vector256<double>[2 * k * k + 2 * k]);

        const double e = 1e-3;
        for (var lane = 0; lane < 4; lane++)
        {
            var slope = lanes[lane].Weight.Select(w => scale * w).ToArray();
            var at = new[] { -2, -1, 0, 1, 2 }.Select(m => Stationary(Rows(lanes[lane].Utility, slope, m * e, k), k)).ToArray();
            for (var o = 0; o < k; o++)
            {
                var d1 = (at[0][o] - 8 * at[1][o] + 8 * at[3][o] - at[4][o]) / (12 * e);
                var d2 = (-at[0][o] + 16 * at[1][o] - 30 * at[2][o] + 16 * at[3][o] - at[4][o]) / (12 * e * e);
                Assert.Equal(at[2][o], pi[o].GetElement(lane), 1e-12);
                Assert.Equal(d1, first[o].GetElement(lane), 1e-8);
                Assert.Equal(d2, second[o].GetElement(lane), 1e-5);
            }
            Assert.Equal(0, Enumerable.Range(0, k).Sum(o => first[o].GetElement(lane)), 1e-12);
            Assert.Equal(0, Enumerable.Range(0, k).Sum(o => second[o].GetElement(lane)), 1e-10);
        }
        // Not a trivial chain: demand does move along the direction.
        Assert.Contains(Enumerable.Range(0, k), o => Math.Abs(first[o].GetElement(0)) > 1e-3);
    }

    [Theory]
    [InlineData(2, 5)]
    [InlineData(3, 6)]
    [InlineData(7, 7)]
    [InlineData(11, 8)]
    public void Option_only_slopes_match_the_general_solve_and_differences(int k, int seed)
    {
        // Flat tariffs: an option's fee weight is the same whatever the user holds (weights 0, 1 or 2: a firm selling two
        // of an option's contracts), so the general solve gets the same row K times.
        var random = new Random(seed);
        const double scale = -0.9;
        var lanes = Enumerable.Range(0, 4).Select(_ =>
        {
            var (utility, _) = Chain(k, random);
            var option = Enumerable.Range(0, k).Select(o => (double)random.Next(3)).ToArray();
            return (Utility: utility, Option: option, Weight: Enumerable.Range(0, k * k).Select(x => option[x % k]).ToArray());
        }).ToArray();
        var rows = lanes.Select(c => Rows(c.Utility, c.Weight.Select(w => scale * w).ToArray(), 0, k)).ToArray();
        Vector256<double>[] Lanes(Func<int, int, double> of, int count) =>
            Enumerable.Range(0, count).Select(x => Vector256.Create(of(0, x), of(1, x), of(2, x), of(3, x))).ToArray();
        var general = (Pi: new Vector256<double>[k], First: new Vector256<double>[k], Second: new Vector256<double>[k]);
        StationaryDerivatives.Solve(Lanes((l, x) => rows[l][x], k * k), Lanes((l, x) => lanes[l].Weight[x], k * k), scale, k, false,
            general.Pi, general.First, general.Second, new Vector256<double>[2 * k * k + 2 * k]);
        var option = (Pi: new Vector256<double>[k], First: new Vector256<double>[k], Second: new Vector256<double>[k]);
        StationaryDerivatives.SolveOptionSlopes(Lanes((l, x) => rows[l][x], k * k), Lanes((l, o) => lanes[l].Option[o], k), Vector256.Create(scale), k,
            option.Pi, option.First, option.Second, new Vector256<double>[StationaryDerivatives.OptionSlopesWork(k)]);

        const double e = 1e-3;
        for (var lane = 0; lane < 4; lane++)
        {
            var slope = lanes[lane].Weight.Select(w => scale * w).ToArray();
            var at = new[] { -2, -1, 0, 1, 2 }.Select(m => Stationary(Rows(lanes[lane].Utility, slope, m * e, k), k)).ToArray();
            for (var o = 0; o < k; o++)
            {
                Assert.Equal(general.Pi[o].GetElement(lane), option.Pi[o].GetElement(lane)); // the same elimination
                Assert.Equal(general.First[o].GetElement(lane), option.First[o].GetElement(lane), 1e-13);
                Assert.Equal(general.Second[o].GetElement(lane), option.Second[o].GetElement(lane), 1e-12);
                var d1 = (at[0][o] - 8 * at[1][o] + 8 * at[3][o] - at[4][o]) / (12 * e);
                var d2 = (-at[0][o] + 16 * at[1][o] - 30 * at[2][o] + 16 * at[3][o] - at[4][o]) / (12 * e * e);
                Assert.Equal(d1, option.First[o].GetElement(lane), 1e-8);
                Assert.Equal(d2, option.Second[o].GetElement(lane), 1e-5);
            }
        }
        Assert.Contains(Enumerable.Range(0, k), o => Math.Abs(option.Second[o].GetElement(0)) > 1e-3);
    }

    [Theory]
    [InlineData(3, 9)]
    [InlineData(7, 10)]
    public void One_elimination_serves_several_directions_with_the_bits_of_their_own_solves(int k, int seed)
    {
        // Directions taken one after another on the same elimination, and two or three of them in one pass (their solves
        // side by side), must each give what a solve of its own gives: the kept P, pivots and π survive the solves before.
        var random = new Random(seed);
        var rows = Enumerable.Range(0, 4).Select(_ => Rows(Chain(k, random).Utility, new double[k * k], 0, k)).ToArray();
        Vector256<double>[] Matrix() => Enumerable.Range(0, k * k).Select(x => Vector256.Create(rows[0][x], rows[1][x], rows[2][x], rows[3][x])).ToArray();
        var directions = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, k).Select(_ => Vector256.Create((double)random.Next(3))).ToArray()).ToArray();
        var scale = Vector256.Create(-0.7, -1.1, -0.4, -2.0);
        var own = directions.Select(direction =>
        {
            var (pi, first, second) = (new Vector256<double>[k], new Vector256<double>[k], new Vector256<double>[k]);
            StationaryDerivatives.SolveOptionSlopes(Matrix(), direction, scale, k, pi, first, second, new Vector256<double>[StationaryDerivatives.OptionSlopesWork(k)]);
            return (Pi: pi, First: first, Second: second);
        }).ToArray();
        var shared = Matrix();
        var stationary = new Vector256<double>[k];
        var work = new Vector256<double>[StationaryDerivatives.OptionSlopesWork(k)];
        StationaryDerivatives.EliminateForOptionSlopes(shared, k, stationary, work);
        for (var d = 0; d < directions.Length; d++)
        {
            var (first, second) = (new Vector256<double>[k], new Vector256<double>[k]);
            StationaryDerivatives.OptionSlopesOnElimination(shared, directions[d], scale, k, stationary, first, second, work);
            Assert.Equal(own[d].Pi, stationary);
            Assert.Equal(own[d].First, first);
            Assert.Equal(own[d].Second, second);
        }
        for (var together = 1; together <= 3; together++)
        {
            // [option, direction] layout, the last `together` directions.
            var picked = Enumerable.Range(directions.Length - together, together).ToArray();
            var weight = Enumerable.Range(0, k * together).Select(x => directions[picked[x % together]][x / together]).ToArray();
            var (first, second) = (new Vector256<double>[k * together], new Vector256<double>[k * together]);
            StationaryDerivatives.OptionSlopesOnElimination(shared, weight, scale, k, stationary, first, second, work.AsSpan(0, k * k + k),
                new Vector256<double>[StationaryDerivatives.DirectionWork(k) * together], together);
            for (var x = 0; x < k * together; x++)
            {
                Assert.Equal(own[picked[x % together]].First[x / together], first[x]);
                Assert.Equal(own[picked[x % together]].Second[x / together], second[x]);
            }
        }
        // Not vacuous: the directions move demand, and differently.
        Assert.Contains(Enumerable.Range(0, k), o => Vector256.GreaterThanAny(Vector256.Abs(own[0].First[o]), Vector256.Create(1e-6)));
        Assert.NotEqual(own[0].First, own[1].First);
    }

    [Fact]
    public void The_option_slopes_of_a_small_chain_keep_their_bits()
    {
        // The kernel's operation order is what makes one elimination serve several directions with each one's own bits, and
        // what the baseline's pinned hashes rest on; these bits are the ones the kernel gave before the elimination was
        // shared (commit 2ad2d0b), so a reordering of the shared kernel fails here, not only in the hashes.
        const int k = 3;
        double[] rows = [0.7, 0.2, 0.1, 0.15, 0.6, 0.25, 0.05, 0.3, 0.65];
        var pi = new Vector256<double>[k];
        var first = new Vector256<double>[k];
        var second = new Vector256<double>[k];
        StationaryDerivatives.SolveOptionSlopes(rows.Select(x => Vector256.Create(x)).ToArray(), [Vector256.Create(0.0), Vector256.Create(1.0), Vector256.Create(2.0)],
            Vector256.Create(-0.8), k, pi, first, second, new Vector256<double>[StationaryDerivatives.OptionSlopesWork(k)]);
        long[] expected = [0x3FD0505050505050, 0x3FD9191919191919, 0x3FD6969696969697, 0x3FD83A5C7EA0C2E6, 0x3F856AC0156AC040,
            unchecked((long)0xBFD8E5B27F4C18E6), 0x3FD3AA2FA407599F, unchecked((long)0xBFD8F3F11051B53F), 0x3FB52705B1296E79];
        Assert.Equal(expected, pi.Concat(first).Concat(second).Select(v => BitConverter.DoubleToInt64Bits(v.GetElement(0))).ToArray());
        // And they are the right numbers: π = (13, 20, 18) / 51 solves π P = π.
        Assert.Equal(13.0 / 51, pi[0].GetElement(0), 1e-15);
        Assert.Equal(20.0 / 51, pi[1].GetElement(0), 1e-15);
    }
}
