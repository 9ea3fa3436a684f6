using MarketSim.Experiments.Output;
using Parquet;

namespace MarketSim.Cluster;

/// <summary>
/// What the coordinator checks of a run's bytes before writing them: a Parquet file with exactly the run-file schema
/// whose every row belongs to the run it asked for. (It cannot re-compute the run; the secret's proofs say who made it.)
/// </summary>
public static class RunFileCheck
{
    /// <summary>Null when the bytes are a run file of <paramref name="runId"/>, else what is wrong.</summary>
    public static async Task<string?> ProblemAsync(byte[] bytes, string runId)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            await using var reader = await ParquetReader.CreateAsync(new MemoryStream(bytes, writable: false)).ConfigureAwait(false);
            if (!reader.Schema.Equals(MarketMetricsTable.Schema) && !reader.Schema.Equals(MarketMetricsTable.SchemaWithOutages))
                return "its schema is not the run-file schema";
            var field = reader.Schema.DataFields.First(f => f.Name == "run_id");
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var ids = new string[checked((int)group.RowCount)];
                await group.ReadAsync(field, ids).ConfigureAwait(false);
                foreach (var value in ids)
                {
                    if (!string.Equals(value, runId, StringComparison.Ordinal)) return $"it holds rows of run '{value}'";
                }
            }
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"it is not a readable Parquet file ({e.GetType().Name})";
        }
    }
}
