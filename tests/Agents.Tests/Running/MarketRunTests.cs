using Akka.TestKit.Xunit2;
using MarketSim.Agents.Running;
using MarketSim.Market;
using MarketSim.Market.Accounting;
using MarketSim.Market.Population;
using MarketSim.Market.Providers;
using MarketSim.Transport;

namespace MarketSim.Agents.Tests;

public class MarketRunTests : TestKit
{
    internal static MarketSpec Spec(int users = 1500, int ticks = 10, PricingRule? pricing = null) => new("actors", ticks, Locations: 5, AllowMultihoming: true, Controller.Lia,
        [
            new ProviderSpec(0, "A", Technology.Cellular3G, 40, 7.2, 0.12, 1, 0, 7.2, 5, 20, 0.4, pricing ?? new PricingRule.Markup(0.3, 0, 80), Tariff.Flat),
            new ProviderSpec(1, "B", Technology.Cellular3G, 30, 7.2, 0.14, 1, 0, 7.2, 5, 18, 0.3, pricing ?? new PricingRule.Markup(0.3, 0, 80), Tariff.Flat),
            new ProviderSpec(2, "W", Technology.Wlan, 54, 20, 0.03, 0.6, 0, 20, 2, 10, 0.1, new PricingRule.Fixed(), Tariff.Flat),
        ],
        new PopulationSpec(users, 0.4, 0.25, 0.3, 8, 0.4, 1, 0.2, 2, 1, 1, 0.3, 0.2, 5, 0.5));

    private IReadOnlyList<ProviderTick> Run(MarketSpec spec, ulong seed, int blockSize)
    {
        var sink = new MemorySink();
        var summary = MarketRunner.RunAsync(Sys, spec, seed, blockSize, sink).GetAwaiter().GetResult();
        Assert.True(sink.Completed);
        Assert.Equal(sink.Rows.Count, summary.Rows);
        return sink.Rows;
    }

    [Fact]
    public void A_run_records_one_row_per_provider_and_tick_including_month_zero()
    {
        var rows = Run(Spec(ticks: 10), 1, 400);
        Assert.Equal(11 * 3, rows.Count);
        Assert.Equal(Enumerable.Range(0, 11).SelectMany(t => new[] { t, t, t }), rows.Select(r => r.Tick));
        Assert.Equal(Enumerable.Range(0, 11).SelectMany(_ => new[] { 0, 1, 2 }), rows.Select(r => r.Provider));
    }

    [Fact]
    public void Block_size_does_not_change_the_results()
    {
        var spec = Spec(users: 600, ticks: 6);
        Assert.Equal(Run(spec, 3, 600), Run(spec, 3, 1));
    }

    [Fact]
    public void The_same_seed_gives_the_same_run_and_another_seed_another()
    {
        var spec = Spec(users: 800, ticks: 6);
        Assert.Equal(Run(spec, 5, 100), Run(spec, 5, 100));
        Assert.NotEqual(Run(spec, 5, 100), Run(spec, 6, 100));
    }

    [Fact]
    public void Best_responses_from_the_demand_oracle_do_not_depend_on_the_block_size()
    {
        var spec = Spec(users: 600, ticks: 4, pricing: new PricingRule.BestResponse(0.5, 0, 80));
        var rows = Run(spec, 3, 600);
        Assert.Equal(rows, Run(spec, 3, 1));
        Assert.NotEqual(20.0, rows.Last(r => r.Provider == 0).Price);
    }

    [Fact]
    public void Prices_react_to_the_market_under_a_markup_rule_and_stay_put_when_fixed()
    {
        var rows = Run(Spec(ticks: 8), 2, 500);
        Assert.NotEqual(20.0, rows.Last(r => r.Provider == 0).Price);
        Assert.All(rows.Where(r => r.Provider == 2), r => Assert.Equal(10.0, r.Price));
    }

    [Fact]
    public void Subscribers_move_only_by_recorded_churn()
    {
        var rows = Run(Spec(ticks: 8), 4, 300);
        foreach (var row in rows.Where(r => r.Tick > 0))
        {
            var before = rows.Single(r => r.Tick == row.Tick - 1 && r.Provider == row.Provider);
            Assert.Equal(before.Subscribers + row.ChurnIn - row.ChurnOut, row.Subscribers);
        }
        Assert.Contains(rows, r => r.ChurnOut > 0);
    }
}
