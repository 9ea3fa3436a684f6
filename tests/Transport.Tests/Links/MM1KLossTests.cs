using MarketSim.Transport.Links;

namespace MarketSim.Transport.Tests.Links;

/// <summary>The M/M/1/K blocking probability, its elasticity and its inverse.</summary>
public sealed class MM1KLossTests
{
    [Theory]
    [InlineData(0.5, 10)]
    [InlineData(0.9, 50)]
    [InlineData(0.999, 100)]
    [InlineData(1.0, 100)]
    [InlineData(1.001, 100)]
    [InlineData(1.5, 20)]
    [InlineData(3.0, 5)]
    public void The_blocking_probability_matches_the_textbook_formula(double rho, int k)
    {
        var expected = rho == 1.0 ? 1.0 / (k + 1) : (1 - rho) * Math.Pow(rho, k) / (1 - Math.Pow(rho, k + 1));
        Assert.Equal(expected, MM1KLoss.Blocking(rho, k), expected * 1e-10);
    }

    [Fact]
    public void A_lightly_loaded_large_buffer_has_a_tiny_but_positive_log_loss()
    {
        var logB = MM1KLoss.LogBlocking(0.1, 500, out var elasticity);
        Assert.Equal(Math.Log(0.9) + 500 * Math.Log(0.1), logB, 1e-9);
        Assert.Equal(500, elasticity, 0.5);
    }

    [Theory]
    [InlineData(0.3, 40)]
    [InlineData(0.97, 100)]
    [InlineData(1.0 + 1e-9, 100)]
    [InlineData(1.2, 100)]
    public void The_elasticity_is_the_derivative_of_log_loss_in_log_utilisation(double rho, int k)
    {
        MM1KLoss.LogBlocking(rho, k, out var elasticity);
        const double h = 1e-6;
        var numeric = (MM1KLoss.LogBlocking(rho * Math.Exp(h), k, out _) - MM1KLoss.LogBlocking(rho * Math.Exp(-h), k, out _)) / (2 * h);
        Assert.Equal(numeric, elasticity, Math.Abs(numeric) * 1e-5);
    }

    [Theory]
    [InlineData(1e-12, 30)]
    [InlineData(1e-4, 100)]
    [InlineData(0.01, 100)]
    [InlineData(0.5, 10)]
    public void Inverse_blocking_returns_the_utilisation_that_gives_the_loss(double loss, int k)
    {
        var rho = MM1KLoss.InverseBlocking(loss, k, out _);
        Assert.Equal(loss, MM1KLoss.Blocking(rho, k), loss * 1e-9);
    }
}
