using MarketSim.Market;
using YamlDotNet.RepresentationModel;

namespace MarketSim.Experiments.Config;

/// <summary>
/// Reads the users' demand model: `demand: logit | nested_logit`, its `nesting` parameter in [0, 1) and optional
/// `nests`, a mapping from a nest's name to the portfolios in it, separated by spaces or commas (a plan by its provider's
/// name, two contracts as "A+B"). A list would be a swept parameter, so members are one text. Members are checked
/// against every provider of the file, active or not, so a sweep policy can switch a listed provider off.
/// </summary>
public static partial class ExperimentReader
{
    private static readonly string[] DemandModels = ["logit", "nested_logit"];
    private static readonly Bounds NestingParameter = new(0, true, 1, false);

    /// <summary>The demand model of the `users` section <paramref name="s"/>, members checked against
    /// <paramref name="providerNames"/> (every provider of the file).</summary>
    private static DemandModel ReadDemand(YamlSection s, IReadOnlyCollection<string> providerNames)
    {
        var nested = s.Choice("demand", DemandModels, "logit") == "nested_logit";
        // Under the plain logit, nesting and nests are still checked but unused, so a sweep policy can switch the model
        // (`users.demand: logit`) without taking them out of the file.
        var sigma = nested ? s.Number("nesting", NestingParameter) : s.Number("nesting", NestingParameter, 0.0);
        var section = s.OptionalSection("nests");
        if (section is { Mapping.Children.Count: 0 })
            throw s.Error("nests", "no nest listed; accepted: nest names each with their portfolios, e.g. { cellular: 3G-B MPO-X }");
        var nests = section is null ? null : ReadNests(section, providerNames);
        return nested ? new DemandModel(true, sigma, nests) : DemandModel.Logit;
    }

    private static List<ChoiceNest> ReadNests(YamlSection s, IReadOnlyCollection<string> providerNames)
    {
        var nests = new List<ChoiceNest>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal); // portfolio (sorted names) -> nest
        var accepted = $"provider names joined by '+', from: {string.Join(", ", providerNames)}";
        foreach (var entry in s.Mapping.Children)
        {
            var name = ((YamlScalarNode)entry.Key).Value ?? "";
            var members = s.Text(name).Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var member in members)
            {
                var parts = member.Split('+');
                foreach (var part in parts)
                {
                    if (!providerNames.Contains(part))
                        throw s.Error(name, $"'{Printable(member)}' names no plan of this file ('{Printable(part)}' is not a provider); accepted: {accepted}");
                }
                if (parts.Length > 2 || parts.Distinct(StringComparer.Ordinal).Count() != parts.Length)
                    throw s.Error(name, $"'{Printable(member)}' is not a portfolio; accepted: one provider's plan, or two different providers' plans joined by '+'");
                var portfolio = string.Join('+', parts.Order(StringComparer.Ordinal));
                if (!seen.TryAdd(portfolio, name))
                    throw s.Error(name, $"'{Printable(member)}' is already in nest '{seen[portfolio]}'; accepted: each portfolio in at most one nest");
            }
            nests.Add(new ChoiceNest(name, members));
        }
        s.RejectUnknownKeys();
        return nests;
    }
}
