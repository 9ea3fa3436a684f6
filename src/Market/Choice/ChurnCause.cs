using MarketSim.Market.Providers;

namespace MarketSim.Market.Choice;

/// <summary>Why a user left a provider, as the utility comparison that drove the switch says.</summary>
public enum ChurnCause
{
    /// <summary>The saving on bills outweighed any change in what the user gets.</summary>
    Price,

    /// <summary>The gain in perceived throughput and brand value outweighed the change in bills.</summary>
    Performance,

    /// <summary>The user moved to a one-contract multipath plan (bundle, dual line, proxy or VMPO plan) it did not hold,
    /// one that gives it more than one path where it lives.</summary>
    Bundle,

    /// <summary>The user lost all service last month because every network its portfolio uses failed at once (a
    /// single-homed user of a failed network; a multipath user only if both failed together).</summary>
    Outage,
}

/// <summary>Attributes a switch to one cause. Pure, so the metric can be tested without running a market.</summary>
public static class ChurnCauses
{
    /// <summary>Number of causes (the width of per-cause tables).</summary>
    public const int Count = 4;

    /// <summary>
    /// Outage when the user was without service for some hours last month (<paramref name="downtimeHours"/> > 0): the
    /// failure it lived through is what it reacts to, whatever it moves to. Otherwise bundle when the new portfolio includes a plan sold as one contract with more than one path at the user's location
    /// that the old one lacked; otherwise
    /// performance when the gain in value (quality plus perceived throughput) exceeds the saving on bills, price when
    /// it does not. Frictions (inertia, switching, battery) are the same kind of cost whatever the cause, so they do not
    /// decide it.
    /// </summary>
    public static ChurnCause Classify(Portfolio from, Portfolio to, UtilityParts before, UtilityParts after, MarketStructure structure, int location,
        double downtimeHours = 0)
        => Classify(from, to, after.Value - before.Value, before.Bills - after.Bills, structure, location, downtimeHours);

    /// <summary><see cref="Classify(Portfolio, Portfolio, UtilityParts, UtilityParts, MarketStructure, int, double)"/> from
    /// the two differences it compares: <paramref name="valueGain"/> = after.Value − before.Value and
    /// <paramref name="billSaving"/> = before.Bills − after.Bills.</summary>
    public static ChurnCause Classify(Portfolio from, Portfolio to, double valueGain, double billSaving, MarketStructure structure, int location,
        double downtimeHours = 0)
    {
        if (downtimeHours > 0) return ChurnCause.Outage;
        foreach (var seller in to.SellerArray)
        {
            if (!from.Holds(seller) && PathsOfPlanAt(to, seller, structure, location) > 1) return ChurnCause.Bundle;
        }
        return valueGain > billSaving ? ChurnCause.Performance : ChurnCause.Price;
    }

    private static int PathsOfPlanAt(Portfolio portfolio, int seller, MarketStructure structure, int location)
    {
        var paths = 0;
        for (var slot = 0; slot < portfolio.Paths.Count; slot++)
        {
            if (portfolio.Paths[slot].Seller == seller && structure.PathExists(location, portfolio, slot)) paths++;
        }
        return paths;
    }
}
