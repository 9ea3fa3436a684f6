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
