using Parquet;
using Parquet.Schema;

namespace MarketSim.Experiments.Games;

/// <summary>
/// What a game needs from one run file: each provider's profit by month, and market-wide welfare columns by month.
/// Welfare columns are read by name and only when present (<see cref="WelfareColumns"/>), so run files that gain
/// columns (realised surplus, welfare) show up in the stakeholder table without changes here.
/// </summary>
public sealed record GameRunFile(IReadOnlyDictionary<string, double[]> ProfitByProvider, IReadOnlyDictionary<string, double[]> MarketByColumn)
{
    /// <summary>Market-wide columns (money per user per month, repeated on each provider row) shown when a run file has them.</summary>
    public static readonly IReadOnlyList<string> WelfareColumns = ["consumer_surplus_option_value", "consumer_surplus_realised", "producer_surplus", "welfare"];

    /// <summary>Reads a run file.</summary>
    public static async Task<GameRunFile> ReadAsync(string path, CancellationToken ct = default)
    {
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: ct).ConfigureAwait(false);
        var fields = reader.Schema.GetDataFields().ToDictionary(f => f.Name, StringComparer.Ordinal);
        DataField Field(string name) => fields.TryGetValue(name, out var f) ? f
            : throw new InvalidDataException($"{path}: no column '{name}' (is this a MarketSim run file?)");
        var tickField = Field("tick");
        var providerField = Field("provider");
        var profitField = Field("profit");
        var welfare = WelfareColumns.Where(fields.ContainsKey).Select(n => fields[n]).ToList();
        var rows = new List<(int Tick, string Provider, double Profit, double[] Market)>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var n = checked((int)group.RowCount);
            var ticks = new int[n];
            var providers = new string[n];
            await group.ReadAsync<int>(tickField, ticks, cancellationToken: ct).ConfigureAwait(false);
            await group.ReadAsync(providerField, providers, cancellationToken: ct).ConfigureAwait(false);
            var profits = await Doubles(group, profitField, n, ct).ConfigureAwait(false);
            var market = new List<double[]>();
            foreach (var f in welfare) market.Add(await Doubles(group, f, n, ct).ConfigureAwait(false));
            for (var i = 0; i < n; i++) rows.Add((ticks[i], providers[i], profits[i], market.Select(m => m[i]).ToArray()));
        }
        if (rows.Count == 0) throw new InvalidDataException($"{path}: the run file has no rows");
        var months = rows.Max(r => r.Tick) + 1;
        var profit = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var byColumn = welfare.ToDictionary(f => f.Name, _ => Enumerable.Repeat(double.NaN, months).ToArray(), StringComparer.Ordinal);
        foreach (var r in rows)
        {
            if (!profit.TryGetValue(r.Provider, out var series)) profit[r.Provider] = series = new double[months];
            series[r.Tick] = r.Profit;
            for (var c = 0; c < welfare.Count; c++) byColumn[welfare[c].Name][r.Tick] = r.Market[c];
        }
        return new GameRunFile(profit, byColumn);
    }

    /// <summary>The summed profit by month of the named providers (absent providers add nothing).</summary>
    public double[] ProfitOf(IEnumerable<string> providers)
    {
        var months = ProfitByProvider.Values.First().Length;
        var total = new double[months];
        foreach (var p in providers)
        {
            if (!ProfitByProvider.TryGetValue(p, out var series)) continue;
            for (var t = 0; t < months; t++) total[t] += series[t];
        }
        return total;
    }

    private static async Task<double[]> Doubles(ParquetRowGroupReader group, DataField field, int n, CancellationToken ct)
    {
        if (field.IsNullable)
        {
            var values = new double?[n];
            await group.ReadAsync<double>(field, values, cancellationToken: ct).ConfigureAwait(false);
            return values.Select(v => v ?? double.NaN).ToArray();
        }
        var plain = new double[n];
        await group.ReadAsync<double>(field, plain, cancellationToken: ct).ConfigureAwait(false);
        return plain;
    }
}
