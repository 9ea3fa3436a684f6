namespace MarketSim.Transport.Linear;

/// <summary>
/// A square sparse matrix in CSR form with sorted columns and every diagonal entry present, sized once
/// for the largest system and refilled in place each Newton iteration (no allocation).
/// </summary>
internal sealed class SparseSystem
{
    public SparseSystem(int maxRows, int maxNonZeros)
    {
        RowStart = new int[maxRows + 1];
        Columns = new int[maxNonZeros];
        Values = new double[maxNonZeros];
        Diagonal = new int[maxRows];
    }

    public int Rows { get; private set; }
    public int[] RowStart { get; }
    public int[] Columns { get; }
    public double[] Values { get; }
    public int[] Diagonal { get; }

    /// <summary>Starts an empty matrix of <paramref name="rows"/> rows; fill rows in order with <see cref="Append"/>.</summary>
    public void Reset(int rows)
    {
        Rows = rows;
        RowStart[0] = 0;
        this.row = 0;
        count = 0;
    }

    private int row;
    private int count;

    /// <summary>Appends an entry to the current row (columns increasing).</summary>
    public void Append(int column, double value)
    {
        if (column == this.row)
        {
            Diagonal[this.row] = count;
        }

        Columns[count] = column;
        Values[count] = value;
        count++;
    }

    /// <summary>Closes the current row.</summary>
    public void EndRow()
    {
        this.row++;
        RowStart[this.row] = count;
    }

    /// <summary>y = A^T x.</summary>
    public void MultiplyTransposed(ReadOnlySpan<double> x, Span<double> y)
    {
        y[..Rows].Clear();
        for (var i = 0; i < Rows; i++)
        {
            var xi = x[i];
            for (var k = RowStart[i]; k < RowStart[i + 1]; k++)
            {
                y[Columns[k]] += Values[k] * xi;
            }
        }
    }

    /// <summary>y = A x.</summary>
    public void Multiply(ReadOnlySpan<double> x, Span<double> y)
    {
        for (var i = 0; i < Rows; i++)
        {
            var sum = 0.0;
            for (var k = RowStart[i]; k < RowStart[i + 1]; k++)
            {
                sum += Values[k] * x[Columns[k]];
            }

            y[i] = sum;
        }
    }
}
