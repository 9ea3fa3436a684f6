namespace MarketSim.Market;

/// <summary>
/// How users' taste terms are distributed over the portfolios they can buy: the plain multinomial logit (independent
/// Gumbel terms, <see cref="Nesting"/> 0) or the nested logit (<see cref="Choice.NestedLogit"/>), whose nests share correlated
/// terms so that a near-copy of an existing plan does not bring a taste term of its own (the logit's "clone" problem).
/// </summary>
/// <param name="Nested">False for the plain logit (users.demand: logit), true for the nested logit.</param>
/// <param name="Nesting">Berry's sigma in [0, 1): how alike the taste terms within a nest are (0 for the plain logit).</param>
/// <param name="Nests">The file's nests by name, each listing portfolio labels (a provider's plan by its name, two contracts
/// as "A+B"); null for the default nests: no access / one access / multipath (by the paths the portfolio gives where the
/// user lives). With explicit nests, the outside option is a nest of its own and every portfolio not listed is too.</param>
public sealed record DemandModel(bool Nested, double Nesting, IReadOnlyList<ChoiceNest>? Nests)
{
    /// <summary>The plain multinomial logit.</summary>
    public static DemandModel Logit { get; } = new(false, 0, null);
}

/// <summary>One nest of the nested logit as the experiment file names it.</summary>
/// <param name="Name">The nest's name (for messages and documentation only).</param>
/// <param name="Members">Portfolio labels: a plan by its provider's name, two contracts as "A+B" (catalogue order).</param>
public sealed record ChoiceNest(string Name, IReadOnlyList<string> Members);
