namespace MarketSim.Experiments.Games;

/// <summary>How a payoff is computed from a player's profit by month.</summary>
public enum PayoffKind
{
    /// <summary>Net present value of the monthly profits of months 1..T at an annual discount rate.</summary>
    Npv,

    /// <summary>Mean profit per month over a window of months.</summary>
    MeanMonthlyProfit,
}

/// <summary>
/// A player's payoff from its profit series (money per month, index = month; month 0, the starting market before
/// anyone chose, is never counted). NPV discounts month t by (1 + r)^(−t/12): a rate per year, compounded so that
/// twelve months make one year's discount.
/// </summary>
/// <param name="Kind">NPV or mean monthly profit.</param>
/// <param name="AnnualDiscountRate">r of the NPV, per year.</param>
/// <param name="FromMonth">First month of the window (mean monthly profit).</param>
/// <param name="ToMonth">Last month of the window, included.</param>
public sealed record PayoffRule(PayoffKind Kind, double AnnualDiscountRate, int FromMonth, int ToMonth)
{
    /// <summary>The payoff of one run's profit series.</summary>
    public double Of(IReadOnlyList<double> profitByMonth)
    {
        ArgumentNullException.ThrowIfNull(profitByMonth);
        if (Kind == PayoffKind.Npv)
        {
            double npv = 0;
            for (var t = 1; t < profitByMonth.Count; t++) npv += profitByMonth[t] * Math.Pow(1 + AnnualDiscountRate, -t / 12.0);
            return npv;
        }
        if (ToMonth >= profitByMonth.Count) throw new ArgumentException($"The window ends in month {ToMonth} but the run has {profitByMonth.Count - 1} months.", nameof(profitByMonth));
        double sum = 0;
        for (var t = FromMonth; t <= ToMonth; t++) sum += profitByMonth[t];
        return sum / (ToMonth - FromMonth + 1);
    }

    /// <summary>Words for the report.</summary>
    public string Describe() => Kind == PayoffKind.Npv
        ? $"net present value of profit over the run (money), discounted at {AnnualDiscountRate:P1} a year"
        : $"mean profit per month over months {FromMonth}-{ToMonth} (money per month)";
}
