using DuckDB.NET.Data;
using MarketSim.Experiments.Config;
using MarketSim.Experiments.Running;

namespace MarketSim.Experiments.Tests.Output;

/// <summary>The ledger columns of a run file, read back by an independent Parquet reader (DuckDB) and checked against
/// the books' identities, computed in SQL rather than by the code that wrote them.</summary>
[Collection("actor runs")]
public class LedgerColumnsTests
{
    private const int Users = 3000;
    private const double DiscountRate = 0.1, FixedCost = 2000, EntryCost = 50000;

    private static ExperimentConfig Config()
    {
        var text = TestFiles.Baseline
            .Replace("count: 20000", $"count: {Users}")
            .Replace("ticks: 60", "ticks: 18\ndiscount_rate: 0.1")
            .Replace("block_size: 2000", "block_size: 700")
            .Replace("    marginal_cost: 6.0         #", $"    fixed_cost: {FixedCost}\n    entry_cost: {EntryCost}\n    marginal_cost: 6.0         #");
        return ExperimentReader.Load(TestFiles.Write(text, "ledger.yaml"));
    }

    private static object[] Row(string file, string sql)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql.Replace("RUN", $"read_parquet('{file}')", StringComparison.Ordinal);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        var values = new object[reader.FieldCount];
        reader.GetValues(values);
        return values;
    }

    [Fact]
    public async Task The_ledger_columns_read_back_by_DuckDB_obey_the_books_and_match_the_rows_in_memory()
    {
        var output = await ExperimentRunner.RunAsync(Config(), TestFiles.NewFolder(), workers: 2);
        var file = output.MetricsFile;
        var rows = output.Rows.Rows;

        // Per row: profit = revenue + transfers in − transfers out − cost − fixed cost; mean bill × subscribers = revenue.
        var books = Row(file, "SELECT max(abs(profit - (revenue + wholesale_in - wholesale_out - cost - fixed_cost))), "
            + "max(abs(coalesce(mean_bill * subscribers, 0) - revenue)), sum(fixed_cost), sum(cost), count(mean_bill), bool_and(in_market) FROM RUN");
        Assert.True((double)books[0] < 1e-6, $"profit off the books by {books[0]}");
        Assert.True((double)books[1] < 1e-6, $"mean bill off revenue by {books[1]}");
        Assert.Equal(19 * FixedCost, (double)books[2], 1e-9);
        Assert.Equal(rows.Sum(r => r.Cost), (double)books[3], 1e-6 * rows.Sum(r => r.Cost));
        Assert.Equal((long)rows.Count(r => r.Subscribers > 0), (long)books[4]);
        Assert.True((bool)books[5]);

        // Per month: producer surplus = profits per user; welfare = realised consumer surplus + producer surplus.
        var market = Row(file, $"WITH m AS (SELECT tick, sum(profit) / {Users} AS ps, any_value(producer_surplus) AS producer, "
            + "any_value(welfare) AS welfare, any_value(consumer_surplus_realised) AS realised, any_value(consumer_surplus_option_value) AS option "
            + "FROM RUN GROUP BY tick) SELECT max(abs(ps - producer)), max(abs(welfare - (realised + producer))), count(welfare), count(realised), count(option), count(*) FROM m");
        Assert.True((double)market[0] < 1e-9, $"producer surplus off by {market[0]}");
        Assert.True((double)market[1] < 1e-9, $"welfare off by {market[1]}");
        Assert.Equal(18L, (long)market[2]);  // month 0 has no consumer surplus, so no welfare
        Assert.Equal(18L, (long)market[3]);
        Assert.Equal(18L, (long)market[4]);
        Assert.Equal(19L, (long)market[5]);

        // Net present value: minus the entry cost plus profits discounted at (1 + r)^(−t/12), summed in SQL.
        var value = Row(file, $"SELECT sum(profit * pow(1 + {DiscountRate}, -tick / 12.0)) - {EntryCost}, arg_max(npv, tick), "
            + "min(tick) FILTER (WHERE npv >= 0), arg_max(break_even_month, tick) FROM RUN WHERE provider = '3G-A'");
        Assert.Equal((double)value[0], (double)value[1], 1e-6 * Math.Abs((double)value[0]));
        Assert.Equal(value[2] is DBNull ? null : (int?)Convert.ToInt32(value[2]), value[3] is DBNull ? null : (int?)Convert.ToInt32(value[3]));
        var last = rows.Where(r => r.Provider == 0).MaxBy(r => r.Tick)!;
        Assert.Equal(last.Npv, (double)value[1], 1e-9 * Math.Abs(last.Npv));
    }
}
