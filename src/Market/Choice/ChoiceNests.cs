using MarketSim.Market.Providers;

namespace MarketSim.Market.Choice;

/// <summary>
/// The users' demand model resolved against a market's catalogue: the choice probabilities, the draw and the log-sum
/// over the options a user at a location can buy, by the plain logit (<see cref="LogitChoice"/>, unchanged arithmetic)
/// or the nested logit (<see cref="NestedLogit"/>) with each option's nest. One hook for the users' reviews and the
/// demand oracle alike, so the two can never disagree on what users choose.
/// </summary>
public sealed class ChoiceNests
{
    /// <summary>Default nests: the outside option, portfolios giving one path where the user lives, multipath ones.</summary>
    private const int NoAccess = 0, OneAccess = 1, Multipath = 2;

    private readonly MarketStructure structure;
    private readonly double sigma;
    private readonly int[]? nestOfPortfolio; // explicit nests; null for the default (location-dependent) nests

    private ChoiceNests(MarketStructure structure, DemandModel model)
    {
        this.structure = structure;
        Nested = model.Nested;
        sigma = model.Nesting;
        if (model.Nests is not { } nests) return;
        var catalogue = structure.Catalogue;
        nestOfPortfolio = new int[catalogue.Count];
        // Nest 0 is the outside option's; listed nests 1..n; every unlisted portfolio its own nest after them.
        for (var p = 0; p < catalogue.Count; p++) nestOfPortfolio[p] = p == PortfolioCatalogue.Outside ? 0 : nests.Count + p;
        for (var n = 0; n < nests.Count; n++)
        {
            foreach (var member in nests[n].Members)
            {
                // A member whose providers are switched off (a sweep policy) is absent from this run's catalogue.
                if (Find(member) is { } p) nestOfPortfolio[p] = n + 1;
            }
        }
    }

    /// <summary>True for the nested logit, false for the plain logit.</summary>
    public bool Nested { get; }

    /// <summary>The demand model of <paramref name="population"/> in the market <paramref name="structure"/>.</summary>
    public static ChoiceNests Of(MarketStructure structure, PopulationSpec population)
    {
        ArgumentNullException.ThrowIfNull(population);
        return new ChoiceNests(structure, population.Demand);
    }

    /// <summary>The nest of portfolio <paramref name="portfolio"/> for a user at <paramref name="location"/>.</summary>
    public int NestOf(int location, int portfolio)
    {
        if (nestOfPortfolio is not null) return nestOfPortfolio[portfolio];
        if (portfolio == PortfolioCatalogue.Outside) return NoAccess;
        return structure.IsMultipathAt(location, structure.Catalogue[portfolio]) ? Multipath : OneAccess;
    }

    /// <summary>Choice probabilities over <paramref name="options"/> (catalogue indices) with utilities
    /// <paramref name="utilities"/>; <paramref name="probabilities"/> may be the utilities' own span.</summary>
    public void Probabilities(ReadOnlySpan<double> utilities, ReadOnlySpan<int> options, int location, double alpha, Span<double> probabilities)
    {
        if (!Nested) { LogitChoice.Probabilities(utilities, alpha, probabilities); return; }
        Span<int> nests = stackalloc int[options.Length];
        Fill(options, location, nests);
        NestedLogit.Probabilities(utilities, nests, alpha, sigma, probabilities);
    }

    /// <summary>Index (into <paramref name="options"/>) of the option chosen with the uniform draw <paramref name="uniform"/>.</summary>
    public int Sample(ReadOnlySpan<double> utilities, ReadOnlySpan<int> options, int location, double alpha, double uniform)
    {
        if (!Nested) return LogitChoice.Sample(utilities, alpha, uniform);
        Span<int> nests = stackalloc int[options.Length];
        Fill(options, location, nests);
        return NestedLogit.Sample(utilities, nests, alpha, sigma, uniform);
    }

    /// <summary>Expected maximum utility in money (the consumer surplus of one user, gamma / alpha dropped).</summary>
    public double LogSum(ReadOnlySpan<double> utilities, ReadOnlySpan<int> options, int location, double alpha)
    {
        if (!Nested) return LogitChoice.LogSum(utilities, alpha);
        Span<int> nests = stackalloc int[options.Length];
        Fill(options, location, nests);
        return NestedLogit.LogSum(utilities, nests, alpha, sigma);
    }

    private void Fill(ReadOnlySpan<int> options, int location, Span<int> nests)
    {
        for (var k = 0; k < options.Length; k++) nests[k] = NestOf(location, options[k]);
    }

    /// <summary>The catalogue index of the portfolio labelled <paramref name="label"/> ("A" or "A+B", any order), or null.</summary>
    private int? Find(string label)
    {
        var names = label.Split('+').Order(StringComparer.Ordinal).ToArray();
        foreach (var portfolio in structure.Catalogue.All)
        {
            if (portfolio.IsOutside) continue;
            var held = portfolio.Providers.Select(p => structure.Providers[p].Name).Order(StringComparer.Ordinal);
            if (held.SequenceEqual(names, StringComparer.Ordinal)) return portfolio.Index;
        }
        return null;
    }
}
