using MarketSim.Market.Providers;
using MarketSim.Transport;

namespace MarketSim.Market;

/// <summary>Everything that defines one market run apart from its seed. Validated before it gets here.</summary>
/// <param name="Name">Experiment name, also the default results folder.</param>
/// <param name="Ticks">Number of ticks (months) simulated after tick 0's initial state.</param>
/// <param name="Locations">Number of locations (cells / hotspot areas) users live in.</param>
/// <param name="AllowMultihoming">Whether MPTCP-capable users may hold two accesses.</param>
/// <param name="MultipathController">Congestion controller of multihomed users; single-path users run Reno.</param>
/// <param name="Providers">The ISPs, in index order.</param>
/// <param name="Population">The end users.</param>
/// <param name="DiscountRate">Yearly rate at which providers discount future profit (net present value), in [0, 1).</param>
/// <param name="WelfareSurplus">Which consumer surplus the market's welfare adds to producer surplus.</param>
public sealed record MarketSpec(
    string Name,
    int Ticks,
    int Locations,
    bool AllowMultihoming,
    Controller MultipathController,
    IReadOnlyList<ProviderSpec> Providers,
    PopulationSpec Population,
    double DiscountRate = 0,
    SurplusMeasure WelfareSurplus = SurplusMeasure.Realised)
{
    /// <summary>The fixed geography and catalogue of the run.</summary>
    public MarketStructure BuildStructure() => new(Providers, Locations, AllowMultihoming);

    /// <summary>Population mean of the logit price coefficient, what providers use to estimate demand.</summary>
    public double MeanPriceSensitivity => Population.MeanPriceSensitivity;
}
