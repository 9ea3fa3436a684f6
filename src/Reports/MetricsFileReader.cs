using Parquet;
using Parquet.Schema;

namespace MarketSim.Reports;

/// <summary>Reads the columns the report needs from one run's Parquet file, row group by row group.</summary>
public static class MetricsFileReader
{
    /// <summary>The run's trajectory; a file missing one of the columns is named in the error.</summary>
    public static async Task<RunTrajectory> ReadAsync(string path, CancellationToken ct = default)
    {
        var rows = new List<MetricsRow>();
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: ct).ConfigureAwait(false);
        var fields = reader.Schema.GetDataFields().ToDictionary(f => f.Name, StringComparer.Ordinal);
        DataField Field(string name) => fields.TryGetValue(name, out var f) ? f
            : throw new InvalidDataException($"{path}: no column '{name}' (is this a MarketSim run file?)");
        var tick = Field("tick");
        var provider = Field("provider");
        var subscribers = Field("subscribers");
        var share = Field("share");
        var churnOut = Field("churn_out");
        var price = Field("price");
        var surplus = Field("consumer_surplus_option_value");
        var meanBill = Field("mean_bill");
        var profit = Field("profit");
        var npv = Field("npv");
        var realised = Field("consumer_surplus_realised");
        var producer = Field("producer_surplus");
        var welfare = Field("welfare");
        // Optional: the adoption figure needs it; run files of older versions lack it and are still read.
        var capable = fields.GetValueOrDefault("mptcp_capable_share");
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var n = checked((int)group.RowCount);
            var ticks = new int[n];
            var providers = new string[n];
            var subscriberCounts = new int[n];
            var shares = new double[n];
            var churnOuts = new int[n];
            var prices = new double[n];
            var surpluses = new double?[n];
            await group.ReadAsync<int>(tick, ticks, cancellationToken: ct).ConfigureAwait(false);
            await group.ReadAsync(provider, providers, cancellationToken: ct).ConfigureAwait(false);
            await group.ReadAsync<int>(subscribers, subscriberCounts, cancellationToken: ct).ConfigureAwait(false);
            await group.ReadAsync<double>(share, shares, cancellationToken: ct).ConfigureAwait(false);
            await group.ReadAsync<int>(churnOut, churnOuts, cancellationToken: ct).ConfigureAwait(false);
            await group.ReadAsync<double>(price, prices, cancellationToken: ct).ConfigureAwait(false);
            await group.ReadAsync<double>(surplus, surpluses, cancellationToken: ct).ConfigureAwait(false);
            var bills = new double?[n];
            var profits = new double[n];
            var values = new double[n];
            var realisedSurpluses = new double?[n];
            var producerSurpluses = new double[n];
            var welfares = new double?[n];
            await group.ReadAsync<double>(meanBill, bills, cancellationToken: ct).ConfigureAwait(false);
            await group.ReadAsync<double>(profit, profits, cancellationToken: ct).ConfigureAwait(false);
            await group.ReadAsync<double>(npv, values, cancellationToken: ct).ConfigureAwait(false);
            await group.ReadAsync<double>(realised, realisedSurpluses, cancellationToken: ct).ConfigureAwait(false);
            await group.ReadAsync<double>(producer, producerSurpluses, cancellationToken: ct).ConfigureAwait(false);
            await group.ReadAsync<double>(welfare, welfares, cancellationToken: ct).ConfigureAwait(false);
            var capableShares = new double[n];
            if (capable is null) Array.Fill(capableShares, double.NaN);
            else await group.ReadAsync<double>(capable, capableShares, cancellationToken: ct).ConfigureAwait(false);
            for (var i = 0; i < n; i++)
            {
                rows.Add(new MetricsRow(ticks[i], providers[i], subscriberCounts[i], shares[i], churnOuts[i], prices[i], surpluses[i],
                    bills[i], profits[i], values[i], realisedSurpluses[i], producerSurpluses[i], welfares[i], capableShares[i]));
            }
        }
        if (rows.Count == 0) throw new InvalidDataException($"{path}: the run file has no rows");
        return RunTrajectory.From(rows);
    }
}
