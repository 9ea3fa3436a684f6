using MarketSim.Reports;

namespace MarketSim.Experiments.Tests.Reports;

public class AcrossPointsTableTests
{
    [Fact]
    public async Task Each_provider_gets_a_row_per_point_with_both_policies_and_their_paired_difference()
    {
        var stats = await SweepStatistics.LoadAsync(await SyntheticSweep.WriteAsync(points: 2));
        var html = AcrossPointsTable.Html(stats);
        // Point 0, 3G-A: final share flat 44 % ± t(4) √(10/5), perf 46 %, paired difference 2 ± t(4) √(0.5/5) points (SyntheticSweep);
        // churn out flat 5 %, perf 10 % of last month's subscribers.
        var t4 = 2.776445;
        var flatShare = FormattableString.Invariant($"44.000 ± {t4 * Math.Sqrt(2):F3}");
        var difference = FormattableString.Invariant($"2.000 ± {t4 * Math.Sqrt(0.1):F3}");
        Assert.Contains(flatShare, html, StringComparison.Ordinal);
        Assert.Contains(difference, html, StringComparison.Ordinal);
        Assert.Contains("<h3>3G-A</h3>", html, StringComparison.Ordinal);
        Assert.Contains("<h3>WLAN-B</h3>", html, StringComparison.Ordinal);
        Assert.Equal(2 * 2, html.Split("<tr><td>Point ").Length - 1);
        Assert.Contains("share, perf − flat", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_single_point_sweep_has_no_such_section()
    {
        var stats = await SweepStatistics.LoadAsync(await SyntheticSweep.WriteAsync(points: 1));
        Assert.Equal("", AcrossPointsTable.Html(stats));
    }
}
