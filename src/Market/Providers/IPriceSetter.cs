namespace MarketSim.Market.Providers;

/// <summary>
/// What a provider actor owns to set its price: given what the provider observed at a tick, the price for the next tick.
/// A setter may keep state between ticks (a learner keeps its Q table), which is why it is a separate object from the
/// immutable <see cref="PricingRule"/> it is created from: one rule in the experiment, one fresh setter per provider and
/// run. It is called once per tick, in tick order, by its single owner; it is not thread-safe.
/// </summary>
public interface IPriceSetter
{
    /// <summary>The price for the next tick, after observing this tick.</summary>
    double NextPrice(in PricingObservation observation);
}
