namespace MarketSim.Market.Choice;

/// <summary>
/// What one block of users did in a tick, counted independently of the other blocks so that the sums are
/// exact integers and do not depend on how users are split into blocks.
/// </summary>
/// <param name="CellCounts">Users per (location, portfolio) cell after the decisions, for the cells from
/// <paramref name="CellOffset"/> on (a block counts only the range of cells its users can be in).</param>
/// <param name="Contracts">Users holding each provider's plan after the decisions.</param>
/// <param name="ChurnIn">Users who hold a provider's plan now and did not before.</param>
/// <param name="ChurnOut">Users who held a provider's plan before and do not now.</param>
/// <param name="ChurnOutByCause">Churn out split by cause: [provider * ChurnCauses.Count + (int)cause].</param>
/// <param name="PaymentMicros">Money each provider bills this block for the tick, in millionths (exact integer sums).</param>
/// <param name="Reviews">Users who reviewed their contracts.</param>
/// <param name="ConsumerSurplusMicros">Sum over the block's users of the logit log-sum (money/month), in millionths,
/// as an integer so that the market total is exact and independent of the block split.</param>
/// <param name="Segments">Per-segment sums.</param>
/// <param name="RealisedSurplusMicros">Sum over the block's users of the realised consumer surplus (money/month), in
/// millionths (see <see cref="Population.RealisedSurplus"/>).</param>
/// <param name="CellOffset">Market cell of <paramref name="CellCounts"/>' first entry.</param>
public sealed record BlockOutcome(
    IReadOnlyList<int> CellCounts,
    IReadOnlyList<int> Contracts,
    IReadOnlyList<int> ChurnIn,
    IReadOnlyList<int> ChurnOut,
    IReadOnlyList<int> ChurnOutByCause,
    IReadOnlyList<long> PaymentMicros,
    int Reviews,
    long ConsumerSurplusMicros,
    SegmentTally Segments,
    long RealisedSurplusMicros = 0,
    int CellOffset = 0);
