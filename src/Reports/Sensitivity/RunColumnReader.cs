using MarketSim.Reports.Results;
using Parquet;
using Parquet.Schema;

namespace MarketSim.Reports;

/// <summary>One numeric column of a run file by month, with the provider of each row; any column, so metrics added to the
/// run files later (e.g. welfare) can be analysed without code changes.</summary>
public static class RunColumnReader
{
    /// <summary>Rows of (tick, provider, value) of <paramref name="column"/>; null values (e.g. month 0's surplus) are left out.</summary>
    /// <exception cref="ConfigException">The file has no such column, or it is not numeric (names the numeric columns).</exception>
    public static async Task<IReadOnlyList<(int Tick, string Provider, double Value)>> ReadAsync(string path, string column, CancellationToken ct = default)
    {
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: ct).ConfigureAwait(false);
        var fields = reader.Schema.GetDataFields().ToDictionary(f => f.Name, StringComparer.Ordinal);
        if (!fields.TryGetValue(column, out var field) || !IsNumeric(field))
            throw new ConfigException("command line", 0, "--metric",
                $"'{column}' is not a numeric column of {path}; accepted: {string.Join(", ", fields.Values.Where(IsNumeric).Select(f => f.Name))}");
        var rows = new List<(int, string, double)>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var n = checked((int)group.RowCount);
            var ticks = new int[n];
            var providers = new string[n];
            await group.ReadAsync<int>(fields["tick"], ticks, cancellationToken: ct).ConfigureAwait(false);
            await group.ReadAsync(fields["provider"], providers, cancellationToken: ct).ConfigureAwait(false);
            var values = await ReadNumbersAsync(group, field, n, ct).ConfigureAwait(false);
            for (var i = 0; i < n; i++)
            {
                if (values[i] is double value) rows.Add((ticks[i], providers[i], value));
            }
        }
        return rows;
    }

    private static async Task<double?[]> ReadNumbersAsync(ParquetRowGroupReader group, DataField field, int n, CancellationToken ct)
    {
        var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        if (type == typeof(double)) return await ReadAsync<double>(group, field, n, ct).ConfigureAwait(false);
        if (type == typeof(float)) return await ReadAsync<float>(group, field, n, ct).ConfigureAwait(false);
        if (type == typeof(long)) return await ReadAsync<long>(group, field, n, ct).ConfigureAwait(false);
        if (type == typeof(short)) return await ReadAsync<short>(group, field, n, ct).ConfigureAwait(false);
        return await ReadAsync<int>(group, field, n, ct).ConfigureAwait(false);
    }

    private static async Task<double?[]> ReadAsync<T>(ParquetRowGroupReader group, DataField field, int n, CancellationToken ct)
        where T : struct, IConvertible
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        if (field.IsNullable)
        {
            var nullable = new T?[n];
            await group.ReadAsync<T>(field, nullable, cancellationToken: ct).ConfigureAwait(false);
            return nullable.Select(v => v is T x ? x.ToDouble(invariant) : (double?)null).ToArray();
        }
        var plain = new T[n];
        await group.ReadAsync<T>(field, plain, cancellationToken: ct).ConfigureAwait(false);
        return plain.Select(v => (double?)v.ToDouble(invariant)).ToArray();
    }

    private static bool IsNumeric(DataField field)
    {
        var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        return type == typeof(int) || type == typeof(long) || type == typeof(double) || type == typeof(float) || type == typeof(short);
    }
}
