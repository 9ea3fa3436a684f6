using System.Numerics.Tensors;

namespace MarketSim.Market.Tests.Pricing;

/// <summary>
/// What the oracle's bit-identity rests on (see FactoredLogitRows.MinExponent): TensorPrimitives.Exp of a number in
/// [−700, 0] is the same bits whatever call it is in, at whatever position, for calls of two or more numbers. The oracle
/// exponentiates a user's factors alone, four users' in lanes or a whole chunk's at once, and promises the same numbers
/// each way; a library upgrade that broke this would fail here first.
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
        // Not vacuous: below the library's range a vector is computed another way (what the floor avoids).
        var beyond = x.Take(64).Select((v, n) => n == 5 ? -720 : v).ToArray();
        var other = new double[beyond.Length];
        TensorPrimitives.Exp(beyond, other);
        Assert.Contains(Enumerable.Range(0, 64).Where(n => n != 5), n => BitConverter.DoubleToInt64Bits(other[n]) != BitConverter.DoubleToInt64Bits(whole[n]));
    }
}
