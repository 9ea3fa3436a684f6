using Akka.TestKit.Xunit2;
using MarketSim.Agents.Running;
using MarketSim.Market;
using MarketSim.Market.Accounting;
using MarketSim.Market.Providers;
using MarketSim.TestSupport;

namespace MarketSim.Agents.Tests;

public class MarketRunTests : TestKit
{
    /// <summary>Adjustment speed of the markup rule A and B price by unless told otherwise.</summary>
    internal const double MarkupSpeed = 0.3;

    /// <summary>
    /// <see cref="Markets.TwoIspOneWlan"/> on 5 locations: 3G "A" (fee 20, cost 5) and "B" (fee 18, 140 ms RTT) price by
    /// <paramref name="pricing"/> (default a markup rule of speed <see cref="MarkupSpeed"/>); the WLAN "W" covers 60 % of
    /// the locations, advertises 20 Mbit/s, costs 2 a subscriber and keeps its fee of 10.
    /// </summary>
    internal static MarketSpec Spec(int users = 1500, int ticks = 10, PricingRule? pricing = null) => Market(users, ticks, pricing).Build();

    /// <summary><see cref="Spec"/> as a builder, to be varied by name.</summary>
    internal static MarketBuilder Market(int users = 1500, int ticks = 10, PricingRule? pricing = null)
    {
        var rule = pricing ?? new PricingRule.Markup(MarkupSpeed, 0, 80);
        return Markets.TwoIspOneWlan(users).Named("actors").Ticks(ticks).Locations(5)
            .With("A", a => a.Pricing(rule))
            .With("B", b => b.Rtt(0.14).Pricing(rule))
            .With("W", w => w.Coverage(0.6).Advertised(20).Cost(2));
    }

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
    public async Task A_run_times_its_closing_check_apart_from_the_other_phases()
    {
        var summary = await MarketRunner.RunAsync(Sys, Spec(users: 2000, ticks: 3), 1, 500, new MemorySink());
        var p = summary.Phases;
        Assert.NotNull(summary.Equilibrium);
        Assert.True(p.CheckSeconds > 0, "the closing check ran, so it took time");
        Assert.True(p.DecisionSeconds + p.TransportSeconds + p.SettleSeconds + p.CheckSeconds <= p.TotalSeconds + 1e-9,
            $"phases {p} overlap");
        Assert.Equal(p.TotalSeconds - p.DecisionSeconds - p.TransportSeconds - p.SettleSeconds - p.CheckSeconds, p.OtherSeconds, 1e-9);
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
        const double step = 0.5, cost = 5;
        var spec = Spec(users: 600, ticks: 4, pricing: new PricingRule.BestResponse(step, 0, 80));
        var rows = Run(spec, 3, 600);
        Assert.Equal(rows, Run(spec, 3, 1));
        // The rule moves the fee a step towards the best response: p(t + 1) = p(t) + step (best − p(t)). The best response
        // it implies must be a real move (the oracle answered) to a fee above marginal cost (selling below cost cannot
        // maximise profit) and inside the rule's range.
        foreach (var provider in new[] { 0, 1 })
        {
            var fees = rows.Where(r => r.Provider == provider).Select(r => r.Price).ToArray();
            for (var t = 0; t + 1 < fees.Length; t++)
            {
                var best = fees[t] + (fees[t + 1] - fees[t]) / step;
                Assert.True(Math.Abs(best - fees[t]) > 1e-6, $"provider {provider} month {t}: the fee did not move");
                Assert.InRange(best, cost, 80);
            }
        }
    }

    [Fact]
    public void Prices_react_to_the_market_under_a_markup_rule_and_stay_put_when_fixed()
    {
        var rows = Run(Spec(ticks: 8), 2, 500);
        // The markup rule, written out here: target c + 1 / (alpha (1 − s)) from last month's recorded share s, cost c = 5,
        // mean price sensitivity alpha = 0.25; the fee moves MarkupSpeed of the way there.
        const double cost = 5, alpha = 0.25;
        foreach (var provider in new[] { 0, 1 })
        {
            var months = rows.Where(r => r.Provider == provider).ToArray();
            Assert.Equal(provider == 0 ? 20.0 : 18.0, months[0].Price);
            for (var t = 0; t + 1 < months.Length; t++)
            {
                var target = cost + 1 / (alpha * (1 - Math.Min(months[t].Share, 0.999)));
                Assert.Equal(Math.Clamp(months[t].Price + MarkupSpeed * (target - months[t].Price), 0, 80), months[t + 1].Price, 9);
            }
            Assert.NotEqual(months[0].Price, months[^1].Price);
        }
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
