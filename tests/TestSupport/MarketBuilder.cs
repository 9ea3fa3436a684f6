using MarketSim.Market;
using MarketSim.Transport;

namespace MarketSim.TestSupport;

/// <summary>
/// A test market: its providers in index order (a provider's index is its position), its users and its geography.
/// Immutable: every method returns a new builder. Presets with names are in <see cref="Markets"/>.
/// </summary>
public sealed class MarketBuilder
{
    private readonly string name;
    private readonly int ticks;
    private readonly int locations;
    private readonly bool multihoming;
    private readonly IReadOnlyList<ProviderBuilder> providers;
    private readonly PopulationBuilder users;

    private MarketBuilder(string name, int ticks, int locations, bool multihoming, IReadOnlyList<ProviderBuilder> providers, PopulationBuilder users)
    {
        this.name = name;
        this.ticks = ticks;
        this.locations = locations;
        this.multihoming = multihoming;
        this.providers = providers;
        this.users = users;
    }

    /// <summary>A market named <paramref name="name"/> of <paramref name="providers"/>: 12 months, one location,
    /// multihoming allowed, 1000 <see cref="PopulationBuilder.Typical"/> users.</summary>
    public static MarketBuilder Of(string name, params ProviderBuilder[] providers)
        => new(name, 12, 1, true, providers, PopulationBuilder.Typical(1000));

    /// <summary>The experiment name the market carries.</summary>
    public MarketBuilder Named(string experiment) => new(experiment, ticks, locations, multihoming, providers, users);

    /// <summary>Months simulated after month 0.</summary>
    public MarketBuilder Ticks(int months) => new(name, months, locations, multihoming, providers, users);

    /// <summary>Number of locations users live in.</summary>
    public MarketBuilder Locations(int count) => new(name, ticks, count, multihoming, providers, users);

    /// <summary>Whether MPTCP-capable users may hold two accesses.</summary>
    public MarketBuilder Multihoming(bool allowed) => new(name, ticks, locations, allowed, providers, users);

    /// <summary>The end users.</summary>
    public MarketBuilder Users(PopulationBuilder population) => new(name, ticks, locations, multihoming, providers, population);

    /// <summary>Replaces the provider named <paramref name="provider"/> by what <paramref name="change"/> makes of it.</summary>
    public MarketBuilder With(string provider, Func<ProviderBuilder, ProviderBuilder> change)
    {
        if (providers.All(p => p.Name != provider))
            throw new ArgumentException($"no provider named '{provider}' in market '{name}'", nameof(provider));
        return new(name, ticks, locations, multihoming, providers.Select(p => p.Name == provider ? change(p) : p).ToArray(), users);
    }

    /// <summary>Every provider changed by <paramref name="change"/>.</summary>
    public MarketBuilder WithEach(Func<ProviderBuilder, ProviderBuilder> change)
        => new(name, ticks, locations, multihoming, providers.Select(change).ToArray(), users);

    /// <summary>The market with <paramref name="provider"/> added at the next index.</summary>
    public MarketBuilder Add(ProviderBuilder provider) => new(name, ticks, locations, multihoming, [.. providers, provider], users);

    /// <summary>The market as a <see cref="MarketSpec"/> (LIA for multihomed users).</summary>
    public MarketSpec Build() => new(name, ticks, locations, multihoming, Controller.Lia,
        providers.Select((p, index) => p.Build(index)).ToArray(), users.Build());
}
