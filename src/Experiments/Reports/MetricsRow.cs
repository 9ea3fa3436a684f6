namespace MarketSim.Experiments.Reports;

/// <summary>The columns of one run-file row that the report uses (schema in MarketMetricsTable).</summary>
/// <param name="Tick">Month.</param>
/// <param name="Provider">Provider name.</param>
/// <param name="Subscribers">Users holding the provider.</param>
/// <param name="Share">Subscribers over all users, 0..1.</param>
/// <param name="ChurnOut">Users who dropped the provider this month.</param>
/// <param name="Price">Monthly fee.</param>
/// <param name="ConsumerSurplus">Market-wide surplus, repeated on each provider row; null at month 0.</param>
public readonly record struct MetricsRow(int Tick, string Provider, int Subscribers, double Share, int ChurnOut, double Price, double? ConsumerSurplus);
