namespace MarketSim.Transport.Controllers;

/// <summary>
/// Scratch memory for the per-group best responses, sized once for the largest group so the hot loop
/// never allocates. One instance per worker chunk; never shared between threads.
/// </summary>
internal sealed class ResponseWorkspace
{
    private readonly double[] _vectors;
    private readonly double[] _matrices;
    private readonly int[] _indices;
    private readonly int _n;

    public ResponseWorkspace(int maxPaths)
    {
        _n = Math.Max(1, maxPaths);
        _vectors = new double[VectorSlots * _n];
        _matrices = new double[MatrixSlots * _n * _n];
        _indices = new int[IndexSlots * _n];
    }

    private const int VectorSlots = 16;
    private const int MatrixSlots = 3;
    private const int IndexSlots = 3;

    /// <summary>Vector slot <paramref name="slot"/> (0..15), first <paramref name="length"/> entries.</summary>
    public Span<double> Vector(int slot, int length) => _vectors.AsSpan(slot * _n, length);

    /// <summary>Matrix slot <paramref name="slot"/> (0..2) as an n-by-n row-major span.</summary>
    public Span<double> Matrix(int slot, int n) => _matrices.AsSpan(slot * _n * _n, n * n);

    /// <summary>Index slot <paramref name="slot"/> (0..2).</summary>
    public Span<int> Indices(int slot, int length) => _indices.AsSpan(slot * _n, length);
}
