namespace MarketSim.Transport.Controllers;

/// <summary>
/// Scratch memory for the per-group best responses, sized once for the largest group so the hot loop
/// never allocates. One instance per worker chunk; never shared between threads.
/// </summary>
internal sealed class ResponseWorkspace
{
    private readonly double[] vectors;
    private readonly double[] matrices;
    private readonly int[] indices;
    private readonly int n;

    public ResponseWorkspace(int maxPaths)
    {
        this.n = Math.Max(1, maxPaths);
        vectors = new double[VectorSlots * this.n];
        matrices = new double[MatrixSlots * this.n * this.n];
        indices = new int[IndexSlots * this.n];
    }

    private const int VectorSlots = 16;
    private const int MatrixSlots = 3;
    private const int IndexSlots = 3;

    /// <summary>Vector slot <paramref name="slot"/> (0..15), first <paramref name="length"/> entries.</summary>
    public Span<double> Vector(int slot, int length) => vectors.AsSpan(slot * this.n, length);

    /// <summary>Matrix slot <paramref name="slot"/> (0..2) as an n-by-n row-major span.</summary>
    public Span<double> Matrix(int slot, int n) => matrices.AsSpan(slot * this.n * this.n, n * n);

    /// <summary>Index slot <paramref name="slot"/> (0..2).</summary>
    public Span<int> Indices(int slot, int length) => indices.AsSpan(slot * this.n, length);
}
