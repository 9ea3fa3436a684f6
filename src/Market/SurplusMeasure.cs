namespace MarketSim.Market;

/// <summary>The two consumer-surplus measures of a month (README, "Consumer surplus").</summary>
public enum SurplusMeasure
{
    /// <summary>What users actually got: the portfolio each holds, at the throughput delivered and the bills charged,
    /// plus the expected taste term of the choice it made (Train 2009, ch. 3).</summary>
    Realised,

    /// <summary>What the menu offers: the logit log-sum over the options each user faces, as it perceives them
    /// (Small and Rosen 1981).</summary>
    OptionValue,
}
