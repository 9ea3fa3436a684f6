using System.Numerics.Tensors;
using MarketSim.Market.Numerics;

namespace MarketSim.Market.Tests.Numerics;

/// <summary>The steady exp against TensorPrimitives.Exp, the reference it replaces: the same bits for every length
/// (whole vectors, an overlapping last vector, spans shorter than a vector) and every element computed once, in place.</summary>
public class SteadyExpTests
{
    [Fact]
    public void Every_length_gives_TensorPrimitives_bits_in_place()
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
}
