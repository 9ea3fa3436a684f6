using MarketSim.Reports;

namespace MarketSim.Experiments.Calibration;

/// <summary>
/// Moments of one run file: a column averaged over a window of months (one provider's rows, or all rows), or
/// churn_rate, the mean over the window of churn_out(t) / subscribers(t − 1), the usual monthly churn rate.
/// </summary>
public static class SimulatedMoments
{
    /// <summary>The name of the derived churn moment.</summary>
    public const string ChurnRate = "churn_rate";

    /// <summary>Each target's simulated value in the run file at <paramref name="path"/>.</summary>
    public static async Task<double[]> ReadAsync(string path, IReadOnlyList<TargetMoment> targets, CancellationToken ct = default)
    {
        var cache = new Dictionary<string, IReadOnlyList<(int Tick, string Provider, double Value)>>(StringComparer.Ordinal);
        async Task<IReadOnlyList<(int Tick, string Provider, double Value)>> Column(string name)
        {
            if (!cache.TryGetValue(name, out var rows)) cache[name] = rows = await RunColumnReader.ReadAsync(path, name, ct).ConfigureAwait(false);
            return rows;
        }
        var moments = new double[targets.Count];
        for (var i = 0; i < targets.Count; i++)
        {
            var t = targets[i];
            bool Selected(int tick, string provider) => tick >= t.From && tick <= t.To && (t.Provider is null || provider == t.Provider);
            if (t.Metric == ChurnRate)
            {
                var subscribers = (await Column("subscribers").ConfigureAwait(false)).ToDictionary(r => (r.Tick, r.Provider), r => r.Value);
                var rates = (await Column("churn_out").ConfigureAwait(false))
                    .Where(r => Selected(r.Tick, r.Provider) && subscribers.GetValueOrDefault((r.Tick - 1, r.Provider)) > 0)
                    .Select(r => r.Value / subscribers[(r.Tick - 1, r.Provider)]).ToList();
                moments[i] = rates.Count > 0 ? rates.Average() : double.NaN;
            }
            else
            {
                var values = (await Column(t.Metric).ConfigureAwait(false)).Where(r => Selected(r.Tick, r.Provider)).Select(r => r.Value).ToList();
                moments[i] = values.Count > 0 ? values.Average() : double.NaN;
            }
        }
        return moments;
    }

    /// <summary>The method-of-moments objective (m_sim − m_obs)' W (m_sim − m_obs), W = diag(1 / se²).</summary>
    public static double Objective(IReadOnlyList<double> simulated, IReadOnlyList<TargetMoment> targets)
        => targets.Select((t, i) => Math.Pow((simulated[i] - t.Value) / t.StandardError, 2)).Sum();
}
