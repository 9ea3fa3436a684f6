using MarketSim.Market.Providers;

namespace MarketSim.Market.Dynamics;

/// <summary>
/// What the users of each location know about each network's current performance there, held at the level the market's
/// tables are (per location and network, not per user): the share ι of the location's users who know the network's
/// rate. An informed user judges a network it does not hold by its measured rate; the others by the published weight w
/// and their own experience as before, so in the location's mean field an access not held is judged with weight
/// w' = ι + (1 − ι) w on its measured rate. Each month informed users forget at the decay rate, and the rest learn from
/// the crowd-sourced publication (reach growing with the number of measuring multipath users) or from word of mouth
/// (reach 1 − e^(−c s), s the share of the location's users holding the network), independently:
/// ι' = ι (1 − δ) + (1 − ι (1 − δ)) (1 − (1 − r_crowd)(1 − r_mouth)). Everyone starts uninformed. Holders of a network
/// know it anyway; ι is about the location's users as a whole, which is a mean-field simplification (a holder's own
/// knowledge is already exact in <see cref="Choice.PortfolioUtility"/>, whatever ι says).
/// </summary>
public sealed class LocationBeliefs
{
    private readonly MarketStructure structure;
    private readonly double[] informed; // [location * ProviderCount + network]

    private LocationBeliefs(MarketStructure structure, double[] informed)
    {
        this.structure = structure;
        this.informed = informed;
    }

    /// <summary>Nobody knows more than the published weight tells.</summary>
    public static LocationBeliefs Uninformed(MarketStructure structure) => new(structure, new double[structure.Locations * structure.ProviderCount]);

    /// <summary>Share of the location's users who know the network's current rate there.</summary>
    public double Informed(int location, int network) => informed[location * structure.ProviderCount + network];

    /// <summary>Weight on the measured rate of <paramref name="network"/> for a user of the location who does not hold it,
    /// given the published weight <paramref name="publishedWeight"/>.</summary>
    public double Weight(int location, int network, double publishedWeight)
    {
        var known = informed[location * structure.ProviderCount + network];
        return known + (1 - known) * publishedWeight;
    }

    /// <summary>The beliefs one month on, from the users per (location, portfolio) cell of the month.</summary>
    public LocationBeliefs Next(InformationSpec spec, IReadOnlyList<int> cellCounts)
    {
        var networks = structure.ProviderCount;
        var users = new double[structure.Locations];
        var holders = new double[structure.Locations * networks];
        var measuring = new double[structure.Locations * networks];
        Span<int> accesses = stackalloc int[structure.Catalogue.MaxPaths];
        for (var l = 0; l < structure.Locations; l++)
        {
            foreach (var portfolio in structure.Catalogue.All)
            {
                var count = cellCounts[structure.Cell(l, portfolio.Index)];
                if (count == 0) continue;
                users[l] += count;
                var n = structure.DistinctAccesses(l, portfolio, accesses);
                var multipath = structure.IsMultipathAt(l, portfolio);
                for (var a = 0; a < n; a++)
                {
                    holders[l * networks + accesses[a]] += count;
                    if (multipath) measuring[l * networks + accesses[a]] += count;
                }
            }
        }
        var next = new double[informed.Length];
        for (var l = 0; l < structure.Locations; l++)
        {
            for (var a = 0; a < networks; a++)
            {
                var k = l * networks + a;
                var share = users[l] > 0 ? holders[k] / users[l] : 0;
                next[k] = Step(informed[k], spec.Decay, spec.CrowdReach(measuring[k]), spec.WordOfMouthReach(share));
            }
        }
        return new LocationBeliefs(structure, next);
    }

    /// <summary>One month of forgetting then learning, for an informed share <paramref name="known"/>.</summary>
    public static double Step(double known, double decay, double crowdReach, double mouthReach)
    {
        var kept = known * (1 - decay);
        var learn = 1 - (1 - crowdReach) * (1 - mouthReach);
        return kept + (1 - kept) * learn;
    }
}
