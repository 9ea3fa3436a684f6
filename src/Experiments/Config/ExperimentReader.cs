using System.Globalization;
using MarketSim.Market;
using MarketSim.Market.Learning;
using MarketSim.Market.Providers;

namespace MarketSim.Experiments.Config;

/// <summary>
/// Reads and validates an experiment file (format documented in README.md and experiments/baseline.yaml).
/// Everything is checked before anything runs or is written.
/// </summary>
public static partial class ExperimentReader
{
    private static readonly string[] Technologies = ["3g", "wlan", "dsl"];
    private static readonly string[] Kinds = ["isp", "vmpo", "product_line"];
    private static readonly string[] PricingRules = ["fixed", "markup", "joint_markup", "best_response", "joint_best_response", "nash", "q_learning"];
    private static readonly string[] ExitRules = ["none", "negative_profit"];
    private static readonly string[] SurplusMeasures = ["realised", "option_value"];
    private static readonly Bounds DiscountRates = new(0, true, 1, false);
    private static readonly Bounds ExitMonths = Bounds.Between(1, 100_000);
    private static readonly Bounds OutageHours = Bounds.Between(0, Market.Network.Outages.HoursPerMonth);

    /// <summary>Loads and validates a single-run experiment file.</summary>
    public static ExperimentConfig Load(string path)
    {
        var text = YamlFile.ReadText(path);
        return Read(YamlFile.Parse(path, text), text, partOfSweep: false);
    }

    /// <summary>Validates an already parsed document; a sweep's runs pass <paramref name="partOfSweep"/> so the
    /// `sweep` section (read by the sweep planner) is accepted.</summary>
    public static ExperimentConfig Read(YamlSection root, string sourceText, bool partOfSweep)
    {
        if (root.Has("sweep") && !partOfSweep)
            throw root.Error("sweep", "this file describes a sweep; run it with `marketsim sweep`");
        if (root.Has("game") && !partOfSweep)
            throw root.Error("game", "this file describes a game; run it with `marketsim game`");
        var name = root.Text("name");
        if (name.Length > InputLimits.MaxNameLength)
            throw root.Error("name", $"the name is {name.Length} characters long; accepted: at most {InputLimits.MaxNameLength} letters, digits, '-', '_' and '.'");
        if (!FolderName().IsMatch(name))
            throw root.Error("name", $"'{Printable(name)}' cannot be a folder name; accepted: letters, digits, '-', '_' and '.', not starting with '.'");
        var seed = (ulong)root.Integer("seed", Bounds.NonNegative, 1);
        var ticks = root.Integer("ticks", Bounds.Between(1, 100_000));
        var locations = root.Integer("locations", Bounds.Between(1, 1_000_000), 1);
        var blockSize = root.Integer("block_size", Bounds.Between(1, 10_000_000), 10_000);
        var multihoming = root.Choice("multihoming", ["true", "false"], "true") == "true";
        var controller = ControllerNames.Parse(root.Choice("multipath_controller", ControllerNames.All, "lia"))!.Value;
        var perUserOutput = root.Choice("per_user_output", ["true", "false"], "false") == "true";
        var discountRate = root.Number("discount_rate", DiscountRates, 0.0);
        var welfareSurplus = root.Choice("welfare_surplus", SurplusMeasures, "realised") == "realised"
            ? Market.SurplusMeasure.Realised
            : Market.SurplusMeasure.OptionValue;
        // Inactive providers are left out before indices are given, so a sweep policy can take a VMPO or a partner
        // out of the market with one override (`providers[3].active: false`). They are still read and checked in full
        // (against every provider of the file), so a typo under a switched-off provider is an error, not a silent no-op.
        var allProviderSections = root.Sections("providers");
        var population = ReadPopulation(root.Section("users"), allProviderSections.Select(p => p.Text("name")).ToArray());
        CheckInactiveProviders(root, allProviderSections);
        var providerSections = allProviderSections.Where(IsActive).ToList();
        if (providerSections.Count == 0) throw root.Error("providers", "no active provider; accepted: at least one provider with active: true");
        var providers = providerSections.Select((s, i) => ReadProvider(s, i, providerSections) with { InitialShareStart = ShareStart(allProviderSections, s) }).ToList();
        CheckProviders(root, providerSections, providers);
        providers = providers.Select((p, i) => p with { Offer = PlanReader.Read(providerSections[i], p, providers) }).ToList();
        if (root.OptionalSection("pricing") is { } marketPricing) providers = ApplyMarketPricing(marketPricing, providerSections, providers);
        CheckPricing(providerSections, providers);
        root.RejectUnknownKeys();
        var market = new MarketSpec(name, ticks, locations, multihoming, controller, providers, population, discountRate, welfareSurplus);
        MemoryEstimate.Check(root, market, perUserOutput);
        return new ExperimentConfig(root.File, sourceText, market, seed, blockSize, perUserOutput);
    }

    /// <summary>Sum of the initial shares of the providers listed before <paramref name="section"/>, active or not.</summary>
    private static double ShareStart(IReadOnlyList<YamlSection> all, YamlSection section)
    {
        double start = 0;
        foreach (var s in all)
        {
            if (ReferenceEquals(s, section)) return start;
            start += s.Number("initial_share", Bounds.Unit, 0.0);
        }
        throw new InvalidOperationException("section not among the providers");
    }

    private static bool IsActive(YamlSection provider) => provider.Choice("active", ["true", "false"], "true") == "true";

    private static void CheckInactiveProviders(YamlSection root, IReadOnlyList<YamlSection> sections)
    {
        if (sections.All(IsActive)) return;
        // An inactive product line may belong to any ISP of the file; an active one only to an active ISP (the same
        // check as the active providers' own reading makes).
        var active = sections.Where(IsActive).ToList();
        var all = sections.Select((s, i) => ReadProvider(s, i, IsActive(s) ? active : sections)).ToList();
        CheckProviders(root, sections, all);
        for (var i = 0; i < sections.Count; i++)
        {
            if (!IsActive(sections[i])) PlanReader.Read(sections[i], all[i], all);
        }
    }

    private static PopulationSpec ReadPopulation(YamlSection s, IReadOnlyCollection<string> providerNames)
    {
        var spec = new PopulationSpec(
            Users: s.Integer("count", Bounds.Between(1, 100_000_000)),
            MptcpShare: s.Number("mptcp_share", Bounds.Unit, 0.0),
            MeanPriceSensitivity: s.Number("price_sensitivity", Bounds.PriceSensitivity),
            PriceSensitivitySpread: s.Number("price_sensitivity_spread", Bounds.Between(0, 3), 0.0),
            ThroughputValue: s.Number("throughput_value", Bounds.Money, 0.0),
            ThroughputValueSpread: s.Number("throughput_value_spread", Bounds.Between(0, 3), 0.0),
            ReferenceMbps: s.Number("reference_mbps", Bounds.RateMbps, 1.0),
            ReviewProbability: s.Number("review_probability", Bounds.Unit),
            Inertia: s.Number("inertia", Bounds.Money, 0.0),
            SwitchingCost: s.Number("switching_cost", Bounds.Money, 0.0),
            BatteryCost: s.Number("battery_cost", Bounds.Money, 0.0),
            PublicInformationWeight: s.Number("public_information_weight", Bounds.Unit, 0.0),
            Activity: s.Number("activity", Bounds.PositiveUnit, 1.0),
            UsageGb: s.Number("usage_gb", Bounds.TrafficGb, 0.0),
            UsageSpread: s.Number("usage_spread", Bounds.Between(0, 3), 0.0),
            MptcpShareGrowth: s.Number("mptcp_share_growth", Bounds.Between(0, 1), 0.0),
            DowntimeCost: s.Number("downtime_cost", Bounds.Money, 0.0)) { Demand = ReadDemand(s, providerNames) };
        spec = spec with { Adoption = ReadAdoption(s, spec), Information = ReadInformation(s), Mobility = ReadMobility(s) };
        s.RejectUnknownKeys();
        return spec;
    }

    /// <summary>`users.information`: word of mouth and crowd-sourced measurements (section absent: neither).</summary>
    private static Market.Dynamics.InformationSpec? ReadInformation(YamlSection users)
    {
        var s = users.OptionalSection("information");
        if (s is null) return null;
        var information = new Market.Dynamics.InformationSpec(
            CrowdHalfUsers: s.Number("crowd_half_users", Bounds.Between(0, 1e8), 0.0),
            ContactRate: s.Number("contact_rate", Bounds.Between(0, 100), 0.0),
            Decay: s.Number("decay", Bounds.Unit, 0.0));
        s.RejectUnknownKeys();
        return information;
    }

    /// <summary>`users.mptcp_adoption`: Bass diffusion of MPTCP-capable devices from `mptcp_share`, instead of the
    /// straight line of `mptcp_share_growth` (the two cannot be combined).</summary>
    private static Market.Dynamics.BassDiffusion? ReadAdoption(YamlSection users, PopulationSpec population)
    {
        var s = users.OptionalSection("mptcp_adoption");
        if (s is null) return null;
        if (population.MptcpShareGrowth > 0)
            throw users.Error("mptcp_share_growth", $"value {population.MptcpShareGrowth} is set together with mptcp_adoption; accepted: "
                + "either a straight line (mptcp_share_growth) or Bass diffusion (mptcp_adoption), not both");
        s.Choice("model", ["bass"], "bass");
        var bass = new Market.Dynamics.BassDiffusion(population.MptcpShare,
            Innovation: s.Number("innovation", Bounds.Unit),
            Imitation: s.Number("imitation", Bounds.Unit),
            ValueFeedback: s.Number("value_feedback", Bounds.Between(0, 100), 0.0));
        s.RejectUnknownKeys();
        return bass;
    }

    /// <summary>One provider's section; a product line's owner is looked up among <paramref name="owners"/>, the
    /// providers whose positions give the ids.</summary>
    private static ProviderSpec ReadProvider(YamlSection s, int index, IReadOnlyList<YamlSection> owners)
    {
        var name = s.Text("name");
        var id = new ProviderId(index);
        ProviderSpec provider = s.Choice("kind", Kinds, "isp") switch
        {
            "vmpo" => new VmpoSpec(id, name, ReadQuality(s), ReadMarginalCost(s), ReadPrice(s), ReadInitialShare(s), ReadPricing(s), ReadTariff(s)),
            "product_line" => new ProductLineSpec(id, name, PlanReader.Owner(s, owners, IsIsp), ReadQuality(s), ReadMarginalCost(s), ReadPrice(s),
                ReadInitialShare(s), ReadPricing(s), ReadTariff(s)),
            _ => ReadIsp(s, id, name),
        };
        return provider with
        {
            FixedCost = s.Number("fixed_cost", Bounds.TotalMoney, 0.0),
            EntryCost = s.Number("entry_cost", Bounds.TotalMoney, 0.0),
            ExitAfterMonths = ReadExitRule(s),
        };
    }

    /// <summary>Months of negative profit in a row after which the provider leaves; 0 without an exit rule. The rule
    /// needs its horizon: there is no sensible default for how long a firm bears losses.</summary>
    private static int ReadExitRule(YamlSection s)
    {
        if (s.Choice("exit_rule", ExitRules, "none") == "none")
        {
            if (s.IsSet("exit_after_months"))
                throw s.Error("exit_after_months", "is set but exit_rule is none; accepted: exit_after_months only with exit_rule: negative_profit");
            return 0;
        }
        if (!s.IsSet("exit_after_months"))
            throw s.Error("exit_after_months", $"missing: exit_rule negative_profit needs a horizon; accepted: a whole {ExitMonths.Describe()[2..]} (months of negative profit in a row)");
        return s.Integer("exit_after_months", ExitMonths);
    }

    private static bool IsIsp(YamlSection provider) => provider.Choice("kind", Kinds, "isp") == "isp";

    private static IspSpec ReadIsp(YamlSection s, ProviderId id, string name)
    {
        var technology = s.Choice("technology", Technologies) switch
        {
            "3g" => Technology.Cellular3G,
            "wlan" => Technology.Wlan,
            _ => Technology.FixedLine,
        };
        var peak = s.Number("peak_rate_mbps", Bounds.RateMbps);
        var spec = new IspSpec(
            Id: id,
            Name: name,
            Technology: technology,
            CellCapacityMbps: s.Number("cell_capacity_mbps", Bounds.RateMbps),
            PeakRateMbps: peak,
            RttSeconds: s.Number("rtt_ms", Bounds.RttMs) / 1000.0,
            Coverage: s.Number("coverage", Bounds.Unit, 1.0),
            Quality: ReadQuality(s),
            AdvertisedMbps: s.Number("advertised_mbps", Bounds.RateOrZeroMbps, peak),
            MarginalCost: ReadMarginalCost(s),
            InitialPrice: ReadPrice(s),
            InitialShare: ReadInitialShare(s),
            Pricing: ReadPricing(s),
            Tariff: ReadTariff(s))
        {
            BackhaulMbps = s.Number("backhaul_mbps", Bounds.RateMbps, double.PositiveInfinity),
            WholesaleDiscount = s.Number("wholesale_discount", Bounds.Unit, 0.0),
        };
        return ReadOutages(s, spec);
    }

    /// <summary>An ISP's outages: a chance per month and a duration, both needed for an outage to happen.</summary>
    private static IspSpec ReadOutages(YamlSection s, IspSpec spec)
    {
        var probability = s.Number("outage_probability", Bounds.Unit, 0.0);
        var hours = s.Number("outage_hours", OutageHours, 0.0);
        var networkWide = s.Choice("outage_scope", ["cell", "network"], "cell") == "network";
        if (probability > 0 && hours == 0)
            throw s.Error("outage_hours", $"missing: outage_probability {probability} needs a duration; accepted: {OutageHours.Describe()} "
                + "(hours per outage, more than 0)");
        return spec with { OutageProbability = probability, OutageHours = hours, OutageNetworkWide = networkWide };
    }

    // A VMPO or product line owns no network: no technology, capacity or RTT keys; its plan (read later) names the
    // ISPs that carry it. The keys every provider has:
    private static double ReadQuality(YamlSection s) => s.Number("quality", Bounds.SignedMoney, 0.0);

    private static double ReadMarginalCost(YamlSection s) => s.Number("marginal_cost", Bounds.Money, 0.0);

    private static double ReadPrice(YamlSection s) => s.Number("price", Bounds.Money);

    private static double ReadInitialShare(YamlSection s) => s.Number("initial_share", Bounds.Unit, 0.0);

    private static Tariff ReadTariff(YamlSection provider)
    {
        var s = provider.OptionalSection("tariff");
        if (s is null) return Tariff.Flat;
        var tariff = new Tariff(
            AllowanceGb: s.Number("allowance_gb", Bounds.TrafficGb, double.PositiveInfinity),
            OveragePerGb: s.Number("overage_per_gb", Bounds.Money, 0.0),
            PromisedMbps: s.Number("promised_mbps", Bounds.RateOrZeroMbps, 0.0),
            Rebate: s.Number("performance_rebate", Bounds.Unit, 0.0));
        s.RejectUnknownKeys();
        return tariff;
    }

    private static PricingRule ReadPricing(YamlSection provider)
    {
        var s = provider.OptionalSection("pricing");
        if (s is null) return new PricingRule.Fixed();
        var rule = s.Choice("rule", PricingRules);
        if (rule == "fixed")
        {
            s.RejectUnknownKeys();
            return new PricingRule.Fixed();
        }
        if (rule == "q_learning") return ReadQLearning(s);
        // A Nash provider jumps to the equilibrium each month: no partial adjustment.
        var step = rule == "nash" ? 1.0 : s.Number("step", Bounds.PositiveUnit, 0.2);
        var min = s.Number("min_price", Bounds.Money, 0.0);
        var max = s.Number("max_price", new Bounds(0, false, Bounds.Money.Max, true), 1000.0);
        if (min > max) throw s.Error("min_price", $"value {min} is above max_price {max}; accepted: min_price <= max_price");
        PricingRule result = rule switch
        {
            "markup" => new PricingRule.Markup(step, min, max),
            "joint_markup" => new PricingRule.JointMarkup(step, min, max),
            "joint_best_response" => new PricingRule.JointBestResponse(step, min, max),
            "nash" => new PricingRule.Nash(min, max),
            _ => new PricingRule.BestResponse(step, min, max),
        };
        s.RejectUnknownKeys();
        return result;
    }

    /// <summary>The market-level `pricing: { rule: nash }`: every provider without a pricing section of its own prices at the
    /// month's Nash equilibrium among them. It must leave at least one provider to price.</summary>
    private static List<ProviderSpec> ApplyMarketPricing(YamlSection s, IReadOnlyList<YamlSection> sections, List<ProviderSpec> providers)
    {
        s.Choice("rule", ["nash"]);
        var min = s.Number("min_price", Bounds.Money, 0.0);
        var max = s.Number("max_price", new Bounds(0, false, Bounds.Money.Max, true), 1000.0);
        if (min > max) throw s.Error("min_price", $"value {min} is above max_price {max}; accepted: min_price <= max_price");
        s.RejectUnknownKeys();
        var left = Enumerable.Range(0, providers.Count).Where(i => !sections[i].Has("pricing")).ToArray();
        if (left.Length == 0)
            throw s.Error("rule", "value 'nash' leaves no provider to price: every provider has its own pricing section ("
                + string.Join(", ", providers.Select((p, i) => $"{p.Name}: {sections[i].Section("pricing").Text("rule", "fixed")}")) + "); accepted: "
                + "nash with at least one provider without a pricing section of its own");
        return providers.Select((p, i) => left.Contains(i) ? p with { Pricing = new PricingRule.Nash(min, max) } : p).ToList();
    }

    private static PricingRule.QLearning ReadQLearning(YamlSection s)
    {
        // The grid's ends have no sensible default: they depend on the market's costs and demand.
        var min = s.Number("min_price", Bounds.Money);
        var max = s.Number("max_price", new Bounds(0, false, Bounds.Money.Max, true));
        if (!(min < max)) throw s.Error("min_price", $"value {min} is not below max_price {max}; accepted: min_price < max_price (the ends of the price grid)");
        var prices = s.Integer("prices", Bounds.Between(2, 1000), 15);
        var learning = new QLearningParameters(
            Alpha: s.Number("alpha", Bounds.PositiveUnit, 0.15),
            Delta: s.Number("delta", new Bounds(0, true, 1, false), 0.95),
            // No default: how fast exploration must fade depends on the number of ticks (Calvano's 4e-6 needs millions).
            Beta: s.Number("beta", Bounds.Between(0, 1e3)));
        var initial = ReadInitialQ(s);
        s.RejectUnknownKeys();
        return new PricingRule.QLearning(min, max, prices, learning, initial);
    }

    private static InitialQ ReadInitialQ(YamlSection s)
    {
        var text = s.Text("initial_q", "logit");
        if (text == "logit") return new InitialQ.Logit();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && Bounds.SignedMoney.Contains(value))
            return new InitialQ.Constant(value);
        throw s.Error("initial_q", $"'{text}' is not accepted; accepted: logit (Calvano's initial values) or a number in [-1e6, 1e6] (the same Q for every state and price)");
    }

    /// <summary>A Q-learner's state is every provider's last price, so its table grows as prices^providers.</summary>
    private static void CheckPricing(IReadOnlyList<YamlSection> sections, IReadOnlyList<ProviderSpec> providers)
    {
        for (var i = 0; i < providers.Count; i++)
        {
            if (providers[i].Pricing is not PricingRule.QLearning q) continue;
            var states = Math.Pow(q.Prices, providers.Count);
            if (states > PriceGrid.MaxStates)
                throw sections[i].Section("pricing").Error("prices",
                    $"value {q.Prices} with {providers.Count} providers gives {states:G6} states; accepted: prices^providers <= {PriceGrid.MaxStates}");
        }
    }

    private static void CheckProviders(YamlSection root, IReadOnlyList<YamlSection> sections, IReadOnlyList<ProviderSpec> providers)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < providers.Count; i++)
        {
            if (InputLimits.LabelProblem(providers[i].Name, InputLimits.MaxLabelLength) is { } problem)
                throw sections[i].Error("name", $"'{Printable(providers[i].Name)}' {problem}");
            // '+' joins provider names in portfolio labels (per-user output, reports): a name with it would be ambiguous.
            if (providers[i].Name.Contains('+', StringComparison.Ordinal))
                throw sections[i].Error("name", $"'{providers[i].Name}' contains '+', which joins names in portfolio labels; accepted: a name without '+'");
            if (!seen.Add(providers[i].Name))
                throw sections[i].Error("name", $"'{providers[i].Name}' is used twice; accepted: a name unique among providers");
        }
        var total = providers.Sum(p => p.InitialShare);
        if (total > 1 + 1e-9)
            throw root.Error("providers", $"initial_share values add up to {total:G6}; accepted: a sum in [0, 1]");
    }

    /// <summary>A name shown in a message with control characters made visible and cut to a readable length.</summary>
    internal static string Printable(string text)
    {
        string shown = new(text.Take(80).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return text.Length > 80 ? shown + "..." : shown;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9._-]*$")]
    private static partial System.Text.RegularExpressions.Regex FolderName();
}
