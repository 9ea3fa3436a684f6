using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using MarketSim.Market.Numerics;

namespace MarketSim.Market.Tests.Pricing;

/// <summary>
/// What the oracle's bit-identity rests on (see FactoredLogitRows.MinExponent): TensorPrimitives.Exp of a number in
/// [−700, 0] is the same bits whatever call it is in, at whatever position, for calls of two or more numbers. The oracle
/// exponentiates a user's factors alone, four users' in lanes or a whole chunk's at once, and promises the same numbers
/// each way; a library upgrade that broke this would fail here first. The kernels call the 256-bit exp and log
/// (Vector256.Exp / Log, <see cref="SteadyExp"/>) for a steady speed and promise TensorPrimitives' bits, whichever vector
/// width TensorPrimitives takes on the machine.
/// </summary>
public class TensorPrimitivesExpTests
{
    [Fact]
    public void Exp_of_floored_exponents_does_not_depend_on_the_call_they_are_in()
    {
        var random = new Random(11);
        var x = Enumerable.Range(0, 4096).Select(_ => -Math.Pow(700, random.NextDouble()) + 1).Select(v => Math.Max(Math.Min(v, 0), -700)).ToArray();
        x[17] = -700;
        x[18] = 0;
        x[19] = -0.0;
        var whole = new double[x.Length];
        TensorPrimitives.Exp(x, whole);
        for (var length = 2; length <= 70; length++)
        {
            for (var start = 0; start + length <= 300; start += 1 + length / 3)
            {
                var part = new double[length];
                TensorPrimitives.Exp(x.AsSpan(start, length), part);
                for (var n = 0; n < length; n++)
                    Assert.True(BitConverter.DoubleToInt64Bits(whole[start + n]) == BitConverter.DoubleToInt64Bits(part[n]), $"exp({x[start + n]:R}) at {n} of {length}");
            }
        }
        // Not vacuous: below the library's range a vector is computed another way (what the floor avoids). Shown where
        // vectors are at least 256 bits wide: with 128-bit vectors the one other lane recomputed happens to give the
        // same bits for these numbers (measured with DOTNET_EnableAVX2=0), which proves nothing either way.
        if (!Vector256.IsHardwareAccelerated) return;
        var beyond = x.Take(64).Select((v, n) => n == 5 ? -720 : v).ToArray();
        var other = new double[beyond.Length];
        TensorPrimitives.Exp(beyond, other);
        Assert.Contains(Enumerable.Range(0, 64).Where(n => n != 5), n => BitConverter.DoubleToInt64Bits(other[n]) != BitConverter.DoubleToInt64Bits(whole[n]));
    }

    [Fact]
    public void The_steady_exp_gives_TensorPrimitives_bits_at_every_length_in_place()
    {
        var random = new Random(11);
        for (var length = 0; length <= 41; length++)
        {
            // Arguments over the range the kernels use (floored at -700, at most 0) and a few beyond it.
            var input = Enumerable.Range(0, length).Select(i => i % 9 == 4 ? 3.5 : -700 * random.NextDouble() * random.NextDouble()).ToArray();
            var expected = new double[length];
            TensorPrimitives.Exp(input, expected);
            var actual = input.ToArray();
            SteadyExp.InPlace(actual);
            for (var i = 0; i < length; i++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected[i]), BitConverter.DoubleToInt64Bits(actual[i]));
                Assert.Equal(Math.Exp(input[i]), actual[i], Math.Exp(input[i]) * 1e-15);
            }
        }
    }

    [Fact]
    public void The_256_bit_log_of_a_log_sum_gives_TensorPrimitives_bits()
    {
        // The decision kernel's sums of weights lie in [1, options]: the largest option weighs exp(0) = 1.
        var random = new Random(12);
        var sums = Enumerable.Range(0, 4096).Select(i => i == 0 ? 1.0 : 1 + 6 * random.NextDouble()).ToArray();
        var expected = new double[sums.Length];
        TensorPrimitives.Log(sums, expected);
        for (var i = 0; i < sums.Length; i += Vector256<double>.Count)
        {
            var actual = Vector256.Log(Vector256.Create(sums.AsSpan(i)));
            for (var lane = 0; lane < Vector256<double>.Count; lane++)
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected[i + lane]), BitConverter.DoubleToInt64Bits(actual.GetElement(lane)));
        }
    }
}
