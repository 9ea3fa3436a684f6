using System.Globalization;

namespace MarketSim.Experiments.Config;

/// <summary>An accepted numeric range, able to say in words what it accepts.</summary>
public sealed record Bounds(double Min, bool MinInclusive, double Max, bool MaxInclusive)
{
    /// <summary>Any finite number.</summary>
    public static readonly Bounds Any = new(double.NegativeInfinity, false, double.PositiveInfinity, false);

    /// <summary>Strictly positive.</summary>
    public static readonly Bounds Positive = new(0, false, double.PositiveInfinity, false);

    /// <summary>Zero or more.</summary>
    public static readonly Bounds NonNegative = new(0, true, double.PositiveInfinity, false);

    /// <summary>A share or probability in [0, 1].</summary>
    public static readonly Bounds Unit = new(0, true, 1, true);

    /// <summary>A fraction in (0, 1].</summary>
    public static readonly Bounds PositiveUnit = new(0, false, 1, true);

    // Ranges that keep the arithmetic finite: a value may be extreme for the model but never makes revenue, rates or
    // exponentials overflow or vanish (users up to 1e8 x months up to 1e5 x money up to 1e6 stays far below 1e308).
    // New keys should take one of these (or a narrower range) rather than an open-ended one.

    /// <summary>Money per user per month that cannot be negative (fees, costs, valuations): [0, 1e6].</summary>
    public static readonly Bounds Money = Between(0, 1e6);

    /// <summary>A provider's total money per month or once (fixed and entry costs, not per user): [0, 1e12],
    /// finite through any run's sums (1e12 x 1e5 months stays far below 1e308).</summary>
    public static readonly Bounds TotalMoney = Between(0, 1e12);

    /// <summary>Money that may be negative (brand quality, initial Q values): [-1e6, 1e6].</summary>
    public static readonly Bounds SignedMoney = Between(-1e6, 1e6);

    /// <summary>A rate that must be positive, Mbit/s (capacities, peak rates, scales): [0.001, 1e7].</summary>
    public static readonly Bounds RateMbps = Between(1e-3, 1e7);

    /// <summary>A rate that may be zero, Mbit/s (advertised or promised rates): [0, 1e7].</summary>
    public static readonly Bounds RateOrZeroMbps = Between(0, 1e7);

    /// <summary>Round-trip time, ms: [0.001, 100000].</summary>
    public static readonly Bounds RttMs = Between(1e-3, 1e5);

    /// <summary>Traffic per user per month, GB: [0, 1e6].</summary>
    public static readonly Bounds TrafficGb = Between(0, 1e6);

    /// <summary>Logit price coefficient alpha, 1/money: (0, 1000].</summary>
    public static readonly Bounds PriceSensitivity = new(0, false, 1e3, true);

    /// <summary>Network files: capacity or rate cap in packets/s, [0.001, 1e12].</summary>
    public static readonly Bounds PacketRate = Between(1e-3, 1e12);

    /// <summary>Network files: round-trip time in seconds, [1e-4, 100].</summary>
    public static readonly Bounds RttSeconds = Between(1e-4, 100);

    /// <summary>At least <paramref name="min"/>.</summary>
    public static Bounds AtLeast(double min) => new(min, true, double.PositiveInfinity, false);

    /// <summary>Between two values, both included.</summary>
    public static Bounds Between(double min, double max) => new(min, true, max, true);

    /// <summary>True if the value is accepted.</summary>
    public bool Contains(double value)
        => double.IsFinite(value)
           && (MinInclusive ? value >= Min : value > Min)
           && (MaxInclusive ? value <= Max : value < Max);

    /// <summary>"a number in [0, 1]", "a number > 0", ...</summary>
    public string Describe()
    {
        bool lo = double.IsFinite(Min), hi = double.IsFinite(Max);
        if (lo && hi) return $"a number in {(MinInclusive ? "[" : "(")}{F(Min)}, {F(Max)}{(MaxInclusive ? "]" : ")")}";
        if (lo) return $"a number {(MinInclusive ? ">=" : ">")} {F(Min)}";
        if (hi) return $"a number {(MaxInclusive ? "<=" : "<")} {F(Max)}";
        return "a finite number";
    }

    private static string F(double x) => x.ToString("G", CultureInfo.InvariantCulture);
}
