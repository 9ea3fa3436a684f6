using MarketSim.Agents.Running;
using MarketSim.Experiments.Output;
using MarketSim.Market.Accounting;
using MarketSim.Market.Providers;
using MarketSim.Reports.Results;

namespace MarketSim.Experiments.Tests.Reports;

/// <summary>
/// A sweep results folder with hand-chosen numbers, so tests can check the report against values worked out on
/// paper. 1000 users, providers 3G-A and WLAN-B, months 0..2, policies "flat" (reference) and "perf", one swept
/// parameter users.inertia = 0.5 + point. In replication r (seed 1000 + r, shared by every point and policy):
/// <list type="bullet">
/// <item>3G-A subscribers at month t: flat 360 + 20r + 20t, so final shares 40, 42, 44, 46, 48 %; perf adds
/// 10 × (1, 2, 3, 2, 2)[r], so final shares 41, 44, 47, 48, 50 % (paired differences 1, 2, 3, 2, 2).</item>
/// <item>3G-A churn out: 5 % (flat) or 10 % (perf) of last month's subscribers; WLAN-B: 300 subscribers, 3 leave a month (1 %).</item>
/// <item>3G-A price: 10 + r + point, perf 0.5 more; WLAN-B 8.</item>
/// <item>Consumer surplus: none at month 0, then 2 + 0.1r + 0.2(t − 1); perf 0.3 more.</item>
/// </list>
/// </summary>
internal static class SyntheticSweep
{
    public const string Flat = "flat";
    public const string Perf = "perf";
    public const string Swept = "users.inertia";
    public const string SecondSwept = "users.price_sensitivity";
    public const int Users = 1000;
    public const int LastTick = 2;

    private static readonly int[] PerfGain = [1, 2, 3, 2, 2];

    public static readonly IReadOnlyList<ProviderSpec> Providers =
    [
        Provider(0, "3G-A", Technology.Cellular3G),
        Provider(1, "WLAN-B", Technology.Wlan),
    ];

    /// <summary>Writes the folder; runs for which <paramref name="leavePlanned"/> is true get no file and stay "planned".</summary>
    /// <remarks>With <paramref name="grid"/>, a second parameter users.price_sensitivity = 0.1 + 0.1 (point / 2) and
    /// users.inertia = 0.5 + point mod 2, so four points form a 2 × 2 grid.</remarks>
    public static async Task<string> WriteAsync(int points = 2, int replications = 5, string experiment = "crn-test",
        Func<int, string, int, bool>? leavePlanned = null, bool grid = false, bool adoption = false)
    {
        var folder = TestFiles.NewFolder();
        var runs = new List<SweepRunEntry>();
        for (var p = 0; p < points; p++)
        {
            foreach (var policy in new[] { Flat, Perf })
            {
                for (var r = 0; r < replications; r++)
                {
                    var id = $"p{p:D3}-{policy}-r{r:D3}";
                    var file = Path.Combine(SweepManifest.RunsFolder, id + ".parquet");
                    var seed = 1000 + (ulong)r;
                    var planned = leavePlanned?.Invoke(p, policy, r) ?? false;
                    if (!planned)
                        await MarketMetricsTable.WriteAsync(Path.Combine(folder, file), new RunIdentity(id, seed, p, policy, r), Providers, Rows(p, policy, r, adoption));
                    var parameters = new Dictionary<string, string> { [Swept] = (0.5 + (grid ? p % 2 : p)).ToString(System.Globalization.CultureInfo.InvariantCulture), ["tariff"] = policy };
                    if (grid) parameters[SecondSwept] = (0.1 + 0.1 * (p / 2)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    runs.Add(new SweepRunEntry(id, p, policy, r, seed, parameters, file, planned ? SweepManifest.Planned : SweepManifest.Done));
                }
            }
        }
        await new SweepManifest(experiment, "experiments/crn.yaml", "name: crn-test\n", 7, "grid", points, replications,
            grid ? [Swept, SecondSwept] : [Swept], [Flat, Perf], "test", runs).WriteAsync(folder);
        return folder;
    }

    /// <summary>With adoption, MPTCP-capable devices of replication r at month t: 100 + 10 r + 25 t of the 1,000 users;
    /// without, none at any month.</summary>
    public static int Capable(int r, int t, bool adoption) => adoption ? 100 + 10 * r + 25 * t : 0;

    private static MemorySink Rows(int point, string policy, int r, bool adoption)
    {
        var perf = policy == Perf;
        var gain = perf ? 10 * PerfGain[r % PerfGain.Length] : 0;
        int Subscribers(int t) => 360 + 20 * r + 20 * t + gain;
        var sink = new MemorySink();
        for (var t = 0; t <= LastTick; t++)
        {
            var churnA = t == 0 ? 0 : Subscribers(t - 1) / (perf ? 10 : 20);
            var joinA = t == 0 ? 0 : Subscribers(t) - Subscribers(t - 1) + churnA;
            var wlanMoves = t == 0 ? 0 : 3;
            var priceA = 10 + r + point + (perf ? 0.5 : 0);
            var surplus = t == 0 ? double.NaN : 2 + 0.1 * r + 0.2 * (t - 1) + (perf ? 0.3 : 0);
            ProviderTick[] providers =
            [
                new(t, 0, Subscribers(t), (double)Subscribers(t) / Users, joinA, churnA, priceA, priceA * Subscribers(t), priceA * Subscribers(t), 4.0,
                    churnA, 0, 0, 0, 0, Subscribers(t)),
                new(t, 1, 300, 300.0 / Users, wlanMoves, wlanMoves, 8, 8 * 300, 8 * 300, 9.0, 0, wlanMoves, 0, 0, 0, 300),
            ];
            var producer = providers.Sum(p => p.Profit) / Users;
            sink.Append(new MarketTick(t, Users, Subscribers(t) + 300, 0, 5000, surplus, 0, 0, Capable(r, t, adoption),
                MarketSim.Market.Choice.SegmentTally.Sum(MarketSim.Market.Population.UserSegment.Count, []),
                RealisedSurplus: surplus - 1, ProducerSurplus: producer, Welfare: surplus - 1 + producer), providers);
        }
        return sink;
    }

    private static IspSpec Provider(int index, string name, Technology technology)
        => new(new ProviderId(index), name, technology, 50, 10, 0.05, 1, 0, 10, 0, 10, 0.3, new PricingRule.Fixed(), Tariff.Flat);
}
