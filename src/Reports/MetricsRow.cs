namespace MarketSim.Reports;

/// <summary>The columns of one run-file row that the report uses (schema in MarketMetricsTable).</summary>
/// <param name="Tick">Month.</param>
/// <param name="Provider">Provider name.</param>
/// <param name="Subscribers">Users holding the provider.</param>
/// <param name="Share">Subscribers over all users, 0..1.</param>
/// <param name="ChurnOut">Users who dropped the provider this month.</param>
/// <param name="Price">Monthly fee.</param>
/// <param name="ConsumerSurplus">Market-wide option-value surplus (logit log-sum), repeated on each provider row; null at month 0.</param>
/// <param name="MeanBill">Mean bill per subscriber; null without subscribers.</param>
/// <param name="Profit">The provider's profit this month.</param>
/// <param name="Npv">The provider's net present value up to this month.</param>
/// <param name="RealisedSurplus">Market-wide realised consumer surplus; null at month 0.</param>
/// <param name="ProducerSurplus">Market-wide producer surplus per user.</param>
/// <param name="Welfare">Market-wide welfare per user; null at month 0.</param>
/// <param name="MptcpCapableShare">Market-wide share of users with an MPTCP-capable device, 0..1; NaN in files written before the column.</param>
public readonly record struct MetricsRow(int Tick, string Provider, int Subscribers, double Share, int ChurnOut, double Price, double? ConsumerSurplus,
    double? MeanBill = null, double Profit = double.NaN, double Npv = double.NaN, double? RealisedSurplus = null, double ProducerSurplus = double.NaN,
    double? Welfare = null, double MptcpCapableShare = double.NaN);
