using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MarketSim.Market.Pricing;

/// <summary>
/// The derivative solves of one, two or three directions on one elimination (see
/// <see cref="StationaryDerivatives.OptionSlopesOnElimination(ReadOnlySpan{Vector256{double}}, ReadOnlySpan{Vector256{double}}, Vector256{double}, int, ReadOnlySpan{Vector256{double}}, Span{Vector256{double}}, Span{Vector256{double}}, Span{Vector256{double}})"/>):
/// a value per direction, each a vector of four lanes, combined with the chain's shared numbers (P, the pivots, π) by the
/// same operation per direction. The solves are chains of dependent multiply-adds; taking two or three directions in one
/// pass runs their chains side by side instead of one after another. Each direction's lanes get exactly the operations
/// they get alone, so the bits do not depend on how directions are grouped. Hand-written because the runtime's generic
/// vector interface (ISimdVector) is not public.
/// </summary>
internal interface IDirectionLanes<TSelf> where TSelf : struct, IDirectionLanes<TSelf>
{
    static abstract TSelf Zero { get; }

    static abstract TSelf operator +(TSelf a, TSelf b);

    static abstract TSelf operator -(TSelf a, TSelf b);

    static abstract TSelf operator -(TSelf a);

    static abstract TSelf operator *(TSelf a, TSelf b);

    static abstract TSelf operator *(TSelf a, Vector256<double> shared);

    /// <summary>a × b + c, rounded once, per direction.</summary>
    static abstract TSelf Fma(TSelf a, TSelf b, TSelf c);

    /// <summary>a × shared + c, rounded once, per direction.</summary>
    static abstract TSelf Fma(TSelf a, Vector256<double> shared, TSelf c);
}

/// <summary>One direction.</summary>
internal readonly struct OneDirection(Vector256<double> a) : IDirectionLanes<OneDirection>
{
    private readonly Vector256<double> a = a;

    public static OneDirection Zero => default;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static OneDirection operator +(OneDirection x, OneDirection y) => new(x.a + y.a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static OneDirection operator -(OneDirection x, OneDirection y) => new(x.a - y.a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static OneDirection operator -(OneDirection x) => new(-x.a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static OneDirection operator *(OneDirection x, OneDirection y) => new(x.a * y.a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static OneDirection operator *(OneDirection x, Vector256<double> shared) => new(x.a * shared);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static OneDirection Fma(OneDirection x, OneDirection y, OneDirection z) => new(Vector256.FusedMultiplyAdd(x.a, y.a, z.a));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static OneDirection Fma(OneDirection x, Vector256<double> shared, OneDirection z) => new(Vector256.FusedMultiplyAdd(x.a, shared, z.a));
}

/// <summary>Two directions side by side.</summary>
internal readonly struct TwoDirections(Vector256<double> a, Vector256<double> b) : IDirectionLanes<TwoDirections>
{
    private readonly Vector256<double> a = a, b = b;

    public static TwoDirections Zero => default;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TwoDirections operator +(TwoDirections x, TwoDirections y) => new(x.a + y.a, x.b + y.b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TwoDirections operator -(TwoDirections x, TwoDirections y) => new(x.a - y.a, x.b - y.b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TwoDirections operator -(TwoDirections x) => new(-x.a, -x.b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TwoDirections operator *(TwoDirections x, TwoDirections y) => new(x.a * y.a, x.b * y.b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TwoDirections operator *(TwoDirections x, Vector256<double> shared) => new(x.a * shared, x.b * shared);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TwoDirections Fma(TwoDirections x, TwoDirections y, TwoDirections z)
        => new(Vector256.FusedMultiplyAdd(x.a, y.a, z.a), Vector256.FusedMultiplyAdd(x.b, y.b, z.b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TwoDirections Fma(TwoDirections x, Vector256<double> shared, TwoDirections z)
        => new(Vector256.FusedMultiplyAdd(x.a, shared, z.a), Vector256.FusedMultiplyAdd(x.b, shared, z.b));
}

/// <summary>Three directions side by side.</summary>
internal readonly struct ThreeDirections(Vector256<double> a, Vector256<double> b, Vector256<double> c) : IDirectionLanes<ThreeDirections>
{
    private readonly Vector256<double> a = a, b = b, c = c;

    public static ThreeDirections Zero => default;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ThreeDirections operator +(ThreeDirections x, ThreeDirections y) => new(x.a + y.a, x.b + y.b, x.c + y.c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ThreeDirections operator -(ThreeDirections x, ThreeDirections y) => new(x.a - y.a, x.b - y.b, x.c - y.c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ThreeDirections operator -(ThreeDirections x) => new(-x.a, -x.b, -x.c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ThreeDirections operator *(ThreeDirections x, ThreeDirections y) => new(x.a * y.a, x.b * y.b, x.c * y.c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ThreeDirections operator *(ThreeDirections x, Vector256<double> shared) => new(x.a * shared, x.b * shared, x.c * shared);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ThreeDirections Fma(ThreeDirections x, ThreeDirections y, ThreeDirections z)
        => new(Vector256.FusedMultiplyAdd(x.a, y.a, z.a), Vector256.FusedMultiplyAdd(x.b, y.b, z.b), Vector256.FusedMultiplyAdd(x.c, y.c, z.c));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ThreeDirections Fma(ThreeDirections x, Vector256<double> shared, ThreeDirections z)
        => new(Vector256.FusedMultiplyAdd(x.a, shared, z.a), Vector256.FusedMultiplyAdd(x.b, shared, z.b), Vector256.FusedMultiplyAdd(x.c, shared, z.c));
}
