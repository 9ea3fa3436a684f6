namespace MarketSim.Market.Population;

/// <summary>
/// Realised consumer surplus of one user in one month: the value of the portfolio it actually holds, at the throughput
/// actually delivered and the bills actually charged, plus the expected logit taste term of the choice it made
/// (Train, Discrete Choice Methods with Simulation, 2009, ch. 3.5): for a user who chose j with probability P_j,
/// E[taste | j chosen] = (gamma − ln P_j) / alpha, and ln P_j = alpha (U_j − LogSum), so the term is LogSum − U_j (the
/// constant gamma / alpha is dropped here as it is from the log-sum measure: it is the same for a user in every market
/// and cancels in every difference). Averaged over choices, U_j + (LogSum − U_j) is the log-sum (Small and Rosen 1981),
/// so the two measures agree at the moment of choice and drift apart only through what the user learns afterwards:
/// delivered throughput and bills unlike what it perceived, and months without review.
/// <para>
/// A user holding j is worth H = its utility of j as held (brand, throughput value at delivered rates, bills as
/// charged, battery cost, plus the inertia bonus of the portfolio held). Its realised surplus is H + offset, the offset
/// set at its last review so that, that month, realised = LogSum + (delivered − perceived value of j). The inertia
/// bonus and switching cost are frictions of the decision: they are kept as the user weighed them when choosing, not
/// counted again afterwards. A user who has never reviewed (its starting portfolio was given, not chosen) has offset 0
/// (the unconditional taste term, gamma / alpha, dropped as above).
/// </para>
/// </summary>
public static class RealisedSurplus
{
    /// <summary>Offset after a review that kept the portfolio held: its utility as held was <paramref name="chosenUtility"/>.</summary>
    public static double OffsetAfterStay(double logSum, double chosenUtility) => logSum - chosenUtility;

    /// <summary>Offset after a review that changed portfolio: <paramref name="chosenUtility"/> is the new portfolio's
    /// utility as the user saw it before holding it (perceived throughput, no inertia, minus the switching cost
    /// <paramref name="switchingCostPaid"/>); from now on it is held, so its utility as held carries the inertia bonus,
    /// taken out here.</summary>
    public static double OffsetAfterSwitch(double logSum, double chosenUtility, double inertia, double switchingCostPaid)
        => logSum - chosenUtility - inertia - switchingCostPaid;
}
