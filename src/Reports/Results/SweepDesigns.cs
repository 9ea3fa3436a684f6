namespace MarketSim.Reports.Results;

/// <summary>What a reader of results needs to know about a design recorded in sweep.json.</summary>
public static class SweepDesigns
{
    /// <summary>Whether a design (as named in sweep.json) is one of the sensitivity designs, whose many points are read
    /// through `marketsim analyze` rather than drawn one by one.</summary>
    public static bool IsSensitivity(string design)
        => Enum.TryParse<SweepDesign>(design, out var d) && d is SweepDesign.Saltelli or SweepDesign.Morris or SweepDesign.OneAtATime;
}
