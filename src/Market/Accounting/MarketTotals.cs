using MarketSim.Market.Choice;

namespace MarketSim.Market.Accounting;

/// <summary>The market after a tick's decisions: every block's outcome summed in block order.</summary>
public sealed record MarketTotals(
    int[] CellCounts,
    int[] Contracts,
    int[] ChurnIn,
    int[] ChurnOut,
    int[] ChurnOutByCause,
    long[] PaymentMicros,
    long Reviews,
    long ConsumerSurplusMicros,
    SegmentTally Segments,
    long RealisedSurplusMicros = 0)
{
    /// <summary>Totals before any decision (tick 0): zero everywhere.</summary>
    public static MarketTotals Empty(int cellCount, int providerCount) => new(new int[cellCount], new int[providerCount], new int[providerCount],
        new int[providerCount], new int[providerCount * ChurnCauses.Count], new long[providerCount], 0, 0,
        SegmentTally.Sum(Population.UserSegment.Count, []));

    /// <summary>Departures from a provider by cause (price, performance, bundle, outage).</summary>
    public int[] ChurnOutCauses(int provider) => ChurnOutByCause.Skip(provider * ChurnCauses.Count).Take(ChurnCauses.Count).ToArray();

    /// <summary>Money billed to a provider, in money units.</summary>
    public double Payments(int provider) => PaymentMicros[provider] / 1e6;

    /// <summary>Sums block outcomes. Everything is an integer (money in millionths), so the totals are exact and
    /// independent of how users are split into blocks.</summary>
    public static MarketTotals Sum(int cellCount, int providerCount, IEnumerable<BlockOutcome> outcomesInBlockOrder)
    {
        var outcomes = outcomesInBlockOrder.ToArray();
        var totals = Empty(cellCount, providerCount) with
        {
            Segments = SegmentTally.Sum(Population.UserSegment.Count, outcomes.Select(o => o.Segments)),
        };
        long reviews = 0, surplus = 0, realised = 0;
        foreach (var outcome in outcomes)
        {
            AddInto(totals.ChurnOutByCause, outcome.ChurnOutByCause);
            AddCells(totals.CellCounts, outcome.CellCounts, outcome.CellOffset);
            AddInto(totals.Contracts, outcome.Contracts);
            AddInto(totals.ChurnIn, outcome.ChurnIn);
            AddInto(totals.ChurnOut, outcome.ChurnOut);
            for (var p = 0; p < providerCount; p++) totals.PaymentMicros[p] += outcome.PaymentMicros[p];
            reviews += outcome.Reviews;
            surplus += outcome.ConsumerSurplusMicros;
            realised += outcome.RealisedSurplusMicros;
        }
        return totals with { Reviews = reviews, ConsumerSurplusMicros = surplus, RealisedSurplusMicros = realised };
    }

    private static void AddCells(int[] total, IReadOnlyList<int> part, int offset)
    {
        if (offset < 0 || offset + part.Count > total.Length)
            throw new ArgumentException($"Cells [{offset}, {offset + part.Count}) are outside the market's {total.Length}.");
        var cells = total.AsSpan(offset, part.Count);
        if (part is int[] counts) System.Numerics.Tensors.TensorPrimitives.Add(cells, counts, cells);
        else for (var k = 0; k < cells.Length; k++) cells[k] += part[k];
    }

    private static void AddInto(int[] total, IReadOnlyList<int> part)
    {
        if (part.Count != total.Length) throw new ArgumentException($"Expected {total.Length} entries, got {part.Count}.");
        for (var k = 0; k < total.Length; k++) total[k] += part[k];
    }
}
