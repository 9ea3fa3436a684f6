using MarketSim.Market.Providers;

namespace MarketSim.Market.Tests;

public class TariffTests
{
    [Theory]
    [InlineData(0.5, 20.0)]
    [InlineData(100.0, 20.0)]
    public void A_flat_tariff_bills_the_fee_whatever_the_usage_or_speed(double mbps, double expected)
        => Assert.Equal(expected, Tariff.Flat.Bill(20, mbps, 300), 12);

    [Theory]
    [InlineData(4.0, 20.0)]   // within the allowance
    [InlineData(10.0, 32.0)]  // 6 GB over at 2 per GB
    public void A_usage_tariff_bills_overage_above_the_allowance(double usageGb, double expected)
        => Assert.Equal(expected, new Tariff(4, 2, 0, 0).Bill(20, 5, usageGb), 12);

    [Theory]
    [InlineData(8.0, 20.0)]   // promise met: full fee
    [InlineData(4.0, 15.0)]   // half the promised rate: half the rebate of 50 % -> 25 % off
    [InlineData(0.0, 10.0)]   // nothing delivered: full rebate of 50 %
    public void A_performance_tariff_refunds_in_proportion_to_the_shortfall(double deliveredMbps, double expected)
        => Assert.Equal(expected, new Tariff(double.PositiveInfinity, 0, 8, 0.5).Bill(20, deliveredMbps, 1), 12);

    [Fact]
    public void A_full_rebate_makes_the_fee_proportional_to_delivered_throughput()
    {
        var tariff = new Tariff(double.PositiveInfinity, 0, PromisedMbps: 10, Rebate: 1);
        Assert.Equal(6.0, tariff.Bill(20, 3, 0), 12);
        Assert.True(tariff.IsPerformanceDependent);
        Assert.False(Tariff.Flat.IsPerformanceDependent);
    }
}
