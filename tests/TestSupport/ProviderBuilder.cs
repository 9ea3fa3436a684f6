using MarketSim.Market.Providers;

namespace MarketSim.TestSupport;

/// <summary>
/// One provider of a test market, written with named values: <c>ProviderBuilder.Isp("3G-A").Fee(20).Capacity(40)</c>.
/// Immutable: every method returns a new builder, so a preset can be shared and varied. The index is given by the
/// market (the provider's position, see <see cref="MarketBuilder"/>) or by <see cref="Build"/>.
/// </summary>
public sealed class ProviderBuilder
{
    private readonly ProviderSpec spec;

    private ProviderBuilder(ProviderSpec spec) => this.spec = spec;

    /// <summary>The id of a provider not yet placed in a market; <see cref="Build"/> gives the real one.</summary>
    private static readonly ProviderId Unplaced = new(-1);

    /// <summary>The ISP being built; a network setting on a VMPO or product line is a mistake in the test.</summary>
    private IspSpec Network => spec as IspSpec ?? throw new InvalidOperationException($"{spec.Name} is a {spec.Kind}, which has no network of its own.");

    /// <summary>A 3G ISP: a 40 Mbit/s cell in every location, 7.2 Mbit/s peak and advertised rate, 120 ms RTT, quality 0,
    /// cost 5, fee 20, starting share 0.3, a fixed fee and a flat tariff.</summary>
    public static ProviderBuilder Isp(string name) => new(new IspSpec(Unplaced, name, Market.Providers.Technology.Cellular3G, CellCapacityMbps: 40,
        PeakRateMbps: 7.2, RttSeconds: 0.12, Coverage: 1, Quality: 0, AdvertisedMbps: 7.2, MarginalCost: 5, InitialPrice: 20,
        InitialShare: 0.3, new PricingRule.Fixed(), Market.Providers.Tariff.Flat));

    /// <summary>A WLAN ISP: as <see cref="Isp"/> but a 20 Mbit/s peak rate and 30 ms RTT (coverage 1 until set).</summary>
    public static ProviderBuilder Wlan(string name) => Isp(name).Technology(Market.Providers.Technology.Wlan).PeakRate(20).Rtt(0.03);

    /// <summary>A textbook logit firm: capacity never binds (1,000,000 Mbit/s cells, 10 Mbit/s peak and advertised, 100 ms
    /// RTT), so only its <paramref name="quality"/>, <paramref name="cost"/> and fee matter; named firm-1, firm-2, ... by
    /// <paramref name="index"/>.</summary>
    public static ProviderBuilder LogitFirm(int index, double quality, double cost)
        => Isp($"firm-{index + 1}").Capacity(1_000_000).PeakRate(10).Advertised(10).Rtt(0.1).Quality(quality).Cost(cost);

    /// <summary>A virtual multipath operator reselling the <paramref name="accesses"/> (provider indices) pooled at the
    /// terminal: no network, cost 1, fee 20, starting share 0.</summary>
    public static ProviderBuilder Vmpo(string name, params int[] accesses) => new(new VmpoSpec(Unplaced, name, Quality: 0, MarginalCost: 1,
        InitialPrice: 20, InitialShare: 0, new PricingRule.Fixed(), Market.Providers.Tariff.Flat) { Offer = new Offer(accesses, OfferRouting.Terminal, 0, 0) });

    /// <summary>A product line of the ISP <paramref name="owner"/> selling <paramref name="plan"/>: no network of its own,
    /// cost 1, fee 25, starting share 0.</summary>
    public static ProviderBuilder ProductLine(string name, int owner, Offer plan) => new(new ProductLineSpec(Unplaced, name, new ProviderId(owner),
        Quality: 0, MarginalCost: 1, InitialPrice: 25, InitialShare: 0, new PricingRule.Fixed(), Market.Providers.Tariff.Flat) { Offer = plan });

    /// <summary>The provider's name.</summary>
    public string Name => spec.Name;

    /// <summary>The provider's name in output rows.</summary>
    public ProviderBuilder Named(string name) => new(spec with { Name = name });

    /// <summary>Access technology.</summary>
    public ProviderBuilder Technology(Technology technology) => new(Network with { Technology = technology });

    /// <summary>Monthly fee at month 0.</summary>
    public ProviderBuilder Fee(double fee) => new(spec with { InitialPrice = fee });

    /// <summary>Capacity of one cell / hotspot, Mbit/s.</summary>
    public ProviderBuilder Capacity(double mbps) => new(Network with { CellCapacityMbps = mbps });

    /// <summary>Most one user gets from one access, Mbit/s.</summary>
    public ProviderBuilder PeakRate(double mbps) => new(Network with { PeakRateMbps = mbps });

    /// <summary>Round-trip time, seconds.</summary>
    public ProviderBuilder Rtt(double seconds) => new(Network with { RttSeconds = seconds });

    /// <summary>Fraction of locations covered.</summary>
    public ProviderBuilder Coverage(double fraction) => new(Network with { Coverage = fraction });

    /// <summary>Brand value, money per month.</summary>
    public ProviderBuilder Quality(double quality) => new(spec with { Quality = quality });

    /// <summary>What users who hold no access believe it delivers, Mbit/s.</summary>
    public ProviderBuilder Advertised(double mbps) => new(Network with { AdvertisedMbps = mbps });

    /// <summary>Cost per subscriber per month.</summary>
    public ProviderBuilder Cost(double perSubscriber) => new(spec with { MarginalCost = perSubscriber });

    /// <summary>Share of the users who start with this provider.</summary>
    public ProviderBuilder Share(double share) => new(spec with { InitialShare = share });

    /// <summary>How the fee is set each month.</summary>
    public ProviderBuilder Pricing(PricingRule rule) => new(spec with { Pricing = rule });

    /// <summary>Usage and performance terms around the fee.</summary>
    public ProviderBuilder Tariff(Tariff tariff) => new(spec with { Tariff = tariff });

    /// <summary>Backhaul capacity per location behind the cells, Mbit/s.</summary>
    public ProviderBuilder Backhaul(double mbps) => new(Network with { BackhaulMbps = mbps });

    /// <summary>Wholesale price to VMPOs as (1 − discount) × retail fee.</summary>
    public ProviderBuilder WholesaleDiscount(double discount) => new(Network with { WholesaleDiscount = discount });

    /// <summary>The network fails with <paramref name="probability"/> a month for <paramref name="hours"/> hours, in one
    /// location at a time or, if <paramref name="networkWide"/>, everywhere at once.</summary>
    public ProviderBuilder Outages(double probability, double hours, bool networkWide = false)
        => new(Network with { OutageProbability = probability, OutageHours = hours, OutageNetworkWide = networkWide });

    /// <summary>The plan sold (null: plain access of its own network).</summary>
    public ProviderBuilder Sells(Offer? plan) => new(spec with { Offer = plan });

    /// <summary>The provider at position <paramref name="index"/> of its market.</summary>
    public ProviderSpec Build(int index) => spec with { Id = new ProviderId(index) };
}
