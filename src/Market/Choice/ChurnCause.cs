using MarketSim.Market.Providers;

namespace MarketSim.Market.Choice;

/// <summary>Why a user left a provider, as the utility comparison that drove the switch says.</summary>
public enum ChurnCause
{
    /// <summary>The saving on bills outweighed any change in what the user gets.</summary>
    Price,

    /// <summary>The gain in perceived throughput and brand value outweighed the change in bills.</summary>
    Performance,

    /// <summary>The user moved to a one-contract multipath plan (bundle, dual line, proxy or VMPO plan) it did not hold.</summary>
    Bundle,
}

/// <summary>Attributes a switch to one cause. Pure, so the metric can be tested without running a market.</summary>
public static class ChurnCauses
{
    /// <summary>Number of causes (the width of per-cause tables).</summary>
    public const int Count = 3;

    /// <summary>
    /// Bundle when the new portfolio includes a multipath plan sold as one contract that the old one lacked; otherwise
    /// performance when the gain in value (quality plus perceived throughput) exceeds the saving on bills, price when
    /// it does not. Frictions (inertia, switching, battery) are the same kind of cost whatever the cause, so they do not
    /// decide it.
    /// </summary>
    public static ChurnCause Classify(Portfolio from, Portfolio to, UtilityParts before, UtilityParts after)
    {
        foreach (int seller in to.Providers)
        {
            if (!from.Holds(seller) && IsMultipathPlan(to, seller)) return ChurnCause.Bundle;
        }
        double valueGain = after.Value - before.Value;
        double billSaving = before.Bills - after.Bills;
        return valueGain > billSaving ? ChurnCause.Performance : ChurnCause.Price;
    }

    private static bool IsMultipathPlan(Portfolio portfolio, int seller)
    {
        int paths = 0;
        foreach (var path in portfolio.Paths) if (path.Seller == seller) paths++;
        return paths > 1;
    }
}
