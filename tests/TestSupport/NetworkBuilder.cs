using MarketSim.Market.Providers;

namespace MarketSim.TestSupport;

/// <summary>
/// What a market's network delivers on each path, written by intent (<c>NetworkBuilder.For(structure).EverySlot(5)</c>)
/// instead of an array indexed by cell × <see cref="PortfolioCatalogue.MaxPaths"/> + slot. Fills one table: each call
/// writes over what was there and returns the same builder.
/// </summary>
public sealed class NetworkBuilder
{
    private readonly MarketStructure structure;
    private readonly double[] mbps;

    private NetworkBuilder(MarketStructure structure)
    {
        this.structure = structure;
        mbps = new double[structure.CellCount * structure.Catalogue.MaxPaths];
    }

    /// <summary>A network where every path delivers nothing yet.</summary>
    public static NetworkBuilder For(MarketStructure structure) => new(structure);

    /// <summary>Every slot of every cell delivers <paramref name="rate"/> Mbit/s, whether its path exists there or not
    /// (a flat guess, as published speeds are).</summary>
    public NetworkBuilder EverySlot(double rate)
    {
        Array.Fill(mbps, rate);
        return this;
    }

    /// <summary>Every path that exists where its user lives delivers <paramref name="rate"/>(cell, slot) Mbit/s; paths
    /// that do not exist there are left alone (nothing, as the solve gives).</summary>
    public NetworkBuilder ExistingPaths(Func<int, int, double> rate)
    {
        var width = structure.Catalogue.MaxPaths;
        for (var location = 0; location < structure.Locations; location++)
        {
            foreach (var portfolio in structure.Catalogue.All)
            {
                var cell = structure.Cell(location, portfolio.Index);
                for (var slot = 0; slot < portfolio.Paths.Count; slot++)
                    if (structure.PathExists(location, portfolio, slot)) mbps[cell * width + slot] = rate(cell, slot);
            }
        }
        return this;
    }

    /// <summary>Every path that exists where its user lives delivers <paramref name="rate"/> Mbit/s.</summary>
    public NetworkBuilder ExistingPaths(double rate) => ExistingPaths((_, _) => rate);

    /// <summary>The paths of <paramref name="portfolio"/> in <paramref name="location"/> deliver <paramref name="slotRates"/>
    /// Mbit/s, slot by slot.</summary>
    public NetworkBuilder Path(int location, int portfolio, params double[] slotRates)
    {
        var cell = structure.Cell(location, portfolio);
        slotRates.CopyTo(mbps, cell * structure.Catalogue.MaxPaths);
        return this;
    }

    /// <summary>The table (a copy: the builder may go on).</summary>
    public ThroughputTable Build() => new(structure, (double[])mbps.Clone());
}
