using MarketSim.Market;

namespace MarketSim.TestSupport;

/// <summary>
/// The end users of a test market, written with named values: <c>PopulationBuilder.Typical(3000).Review(0.3).Mptcp(0.6)</c>.
/// Immutable: every method returns a new builder.
/// </summary>
public sealed class PopulationBuilder
{
    private readonly PopulationSpec spec;

    private PopulationBuilder(PopulationSpec spec) => this.spec = spec;

    /// <summary>Heterogeneous users who weigh price, throughput, inertia and costs: 40 % MPTCP-capable, price sensitivity
    /// 0.25 (log-normal spread 0.3), throughput value 8 (spread 0.4) per ln(1 + Mbit/s), review 0.2 a month, inertia 2,
    /// switching cost 1, battery cost 1, public information weight 0.3, active 20 % of the time, 5 GB a month (spread 0.5).</summary>
    public static PopulationBuilder Typical(int users) => new(new PopulationSpec(users, MptcpShare: 0.4, MeanPriceSensitivity: 0.25,
        PriceSensitivitySpread: 0.3, ThroughputValue: 8, ThroughputValueSpread: 0.4, ReferenceMbps: 1, ReviewProbability: 0.2, Inertia: 2,
        SwitchingCost: 1, BatteryCost: 1, PublicInformationWeight: 0.3, Activity: 0.2, UsageGb: 5, UsageSpread: 0.5));

    /// <summary>Textbook logit users: all alike with price coefficient <paramref name="alpha"/>, they weigh only quality
    /// and price, review every month, keep nothing out of inertia, no MPTCP, always active, no usage, public weight 0.</summary>
    public static PopulationBuilder PriceOnly(int users, double alpha) => new(new PopulationSpec(users, MptcpShare: 0, alpha,
        PriceSensitivitySpread: 0, ThroughputValue: 0, ThroughputValueSpread: 0, ReferenceMbps: 1, ReviewProbability: 1, Inertia: 0,
        SwitchingCost: 0, BatteryCost: 0, PublicInformationWeight: 0, Activity: 1, UsageGb: 0, UsageSpread: 0));

    /// <summary>Share of MPTCP-capable devices.</summary>
    public PopulationBuilder Mptcp(double share) => new(spec with { MptcpShare = share });

    /// <summary>Mean logit price coefficient and its log-normal spread.</summary>
    public PopulationBuilder PriceSensitivity(double mean, double spread = 0) => new(spec with { MeanPriceSensitivity = mean, PriceSensitivitySpread = spread });

    /// <summary>Money per month per unit of ln(1 + throughput / reference) and its log-normal spread.</summary>
    public PopulationBuilder ThroughputValue(double value, double spread = 0) => new(spec with { ThroughputValue = value, ThroughputValueSpread = spread });

    /// <summary>Chance per month a user reviews its contracts.</summary>
    public PopulationBuilder Review(double probability) => new(spec with { ReviewProbability = probability });

    /// <summary>Utility bonus for keeping the current portfolio.</summary>
    public PopulationBuilder Inertia(double money) => new(spec with { Inertia = money });

    /// <summary>One-off cost per provider added.</summary>
    public PopulationBuilder SwitchingCost(double money) => new(spec with { SwitchingCost = money });

    /// <summary>Monthly cost of running two radios.</summary>
    public PopulationBuilder BatteryCost(double money) => new(spec with { BatteryCost = money });

    /// <summary>Weight of published speeds for accesses a user does not hold.</summary>
    public PopulationBuilder PublicInformation(double weight) => new(spec with { PublicInformationWeight = weight });

    /// <summary>Fraction of time a user transfers.</summary>
    public PopulationBuilder Activity(double fraction) => new(spec with { Activity = fraction });

    /// <summary>The users as a <see cref="PopulationSpec"/>.</summary>
    public PopulationSpec Build() => spec;
}
