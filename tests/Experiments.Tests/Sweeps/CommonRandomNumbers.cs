using DuckDB.NET.Data;

namespace MarketSim.Experiments.Tests.Sweeps;

/// <summary>Paired versus unpaired variance of a policy difference, computed independently with DuckDB.</summary>
internal static class CommonRandomNumbers
{
    public static Task<(double Paired, double Unpaired)> VariancesAsync(string folder, string reference, string policy, string provider)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        var files = Path.Combine(folder, "runs", "*.parquet");
        command.CommandText = $"""
            WITH last AS (
              SELECT policy, replication, share FROM read_parquet('{files}')
              WHERE provider = '{provider}' AND tick = (SELECT max(tick) FROM read_parquet('{files}'))),
            a AS (SELECT replication, share FROM last WHERE policy = '{reference}'),
            b AS (SELECT replication, share FROM last WHERE policy = '{policy}')
            SELECT var_samp(b.share - a.share), (SELECT var_samp(share) FROM a) + (SELECT var_samp(share) FROM b)
            FROM a JOIN b USING (replication)
            """;
        using var reader = command.ExecuteReader();
        reader.Read();
        return Task.FromResult((reader.GetDouble(0), reader.GetDouble(1)));
    }
}
