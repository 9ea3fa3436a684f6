using System.Text.Json;
using System.Text.Json.Serialization;
using MarketSim.Market.Pricing;
using MarketSim.Market.Providers;
using MarketSim.Reports.Results;

namespace MarketSim.Experiments.Output;

/// <summary>
/// A run's closing epsilon-Nash check as <c>equilibrium.json</c>: for each provider its last fee, the largest profit gain
/// (money per month, its firm's expected profit in long-run demand) from changing that fee alone, and the fee achieving it;
/// epsilon is the largest gain. A user sees whether the run's prices are an equilibrium.
/// </summary>
public static class EquilibriumFile
{
    /// <summary>File name inside a run's results folder.</summary>
    public const string FileName = "equilibrium.json";

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    /// <summary>One provider's line of the check.</summary>
    public sealed record ProviderDeviation(
        [property: JsonPropertyName("provider")] string Provider,
        [property: JsonPropertyName("fee")] double Fee,
        [property: JsonPropertyName("gain")] double Gain,
        [property: JsonPropertyName("best_fee")] double BestFee);

    /// <summary>The file's content.</summary>
    public sealed record Content(
        [property: JsonPropertyName("month")] int Month,
        [property: JsonPropertyName("epsilon")] double Epsilon,
        [property: JsonPropertyName("nash_residual")] double? NashResidual,
        [property: JsonPropertyName("grid_points")] int GridPoints,
        [property: JsonPropertyName("providers")] IReadOnlyList<ProviderDeviation> Providers);

    /// <summary>The content for a check of the fees <paramref name="fees"/> (by provider index).</summary>
    public static Content Describe(EquilibriumCheck check, double? nashResidual, IReadOnlyList<ProviderSpec> providers, IReadOnlyList<double> fees)
    {
        ArgumentNullException.ThrowIfNull(check);
        return new Content(check.Tick, check.Epsilon, nashResidual, EquilibriumCheck.GridPoints,
            providers.Select(p => new ProviderDeviation(p.Name, fees[p.Index], check.Gains[p.Index], check.BestFees[p.Index])).ToArray());
    }

    /// <summary>Writes the file atomically.</summary>
    public static Task WriteAsync(string path, Content content) => AtomicFile.WriteTextAsync(path, JsonSerializer.Serialize(content, Options) + "\n");

    /// <summary>Reads a file back.</summary>
    public static Content Read(string path) => JsonSerializer.Deserialize<Content>(File.ReadAllText(path), Options)
        ?? throw new InvalidDataException($"{path}: empty equilibrium check");
}
