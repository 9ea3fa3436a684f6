using System.Diagnostics;
using MarketSim.Agents.Recording;
using MarketSim.Agents.Running;
using MarketSim.Market;
using MarketSim.Market.Providers;
using MarketSim.Transport;

namespace MarketSim.Bench;

/// <summary>One measured market size.</summary>
/// <param name="Users">End users.</param>
/// <param name="Ticks">Months per run.</param>
/// <param name="BlockSize">Users per end-user actor.</param>
/// <param name="Repeats">Timed runs (after one warm-up run).</param>
/// <param name="MedianSeconds">Median wall time of the timed runs.</param>
/// <param name="MinSeconds">Fastest timed run.</param>
/// <param name="MaxSeconds">Slowest timed run.</param>
/// <param name="UserTicksPerSecond">Users × ticks / median seconds.</param>
/// <param name="PeakWorkingSetBytes">Process peak working set after this size ran (sizes run smallest first).</param>
/// <param name="Phases">Phase split of the median run.</param>
/// <param name="OutputSeconds">Time to write the median run's Parquet file.</param>
/// <param name="GcPauseSeconds">Time the garbage collector paused the process during the median run (inside its phases'
/// times, not in addition to them).</param>
/// <param name="Gen2Collections">Full (generation 2) collections during the median run.</param>
public sealed record MarketBenchmarkResult(int Users, int Ticks, int BlockSize, int Repeats, double MedianSeconds, double MinSeconds, double MaxSeconds,
    double UserTicksPerSecond, long PeakWorkingSetBytes, PhaseTimes Phases, double OutputSeconds, double GcPauseSeconds = 0, int Gen2Collections = 0)
{
    /// <summary>Microseconds of wall time per user per tick.</summary>
    public double MicrosecondsPerUserTick => 1e6 * MedianSeconds / ((double)Users * Ticks);

    /// <summary>User-ticks per second of the months alone: the median run's wall time without its closing equilibrium
    /// check, which runs once after the last month whatever the number of months (what a loop over the months, such as a
    /// script of the same market's decisions, compares with). <see cref="UserTicksPerSecond"/> is the whole run's.</summary>
    public double MonthsUserTicksPerSecond => (double)Users * Ticks / Math.Max(1e-9, MedianSeconds - Phases.CheckSeconds);
}

/// <summary>
/// Times whole market runs (actors, transport, decisions, recording) at growing user counts on one actor
/// system: one warm-up run per size (the first ticks run several times slower while the JIT warms up), then
/// the median of several timed runs. The market is the baseline's: two 3G ISPs and one WLAN ISP, one location
/// per 500 users, best-response pricing.
/// </summary>
public static class MarketBenchmark
{
    /// <summary>The benchmark market for a number of users.</summary>
    public static MarketSpec Market(int users, int ticks) => new($"bench-{users}", ticks, Math.Max(1, users / 500), true, Controller.Lia,
        [
            new IspSpec(new ProviderId(0), "3G-A", Technology.Cellular3G, 42, 7.2, 0.12, 1, 1, 7.2, 6, 20, 0.4, new PricingRule.Markup(0.25, 0, 80), Tariff.Flat),
            new IspSpec(new ProviderId(1), "3G-B", Technology.Cellular3G, 28, 7.2, 0.14, 1, 0, 7.2, 6, 18, 0.35, new PricingRule.Markup(0.25, 0, 80), Tariff.Flat),
            new IspSpec(new ProviderId(2), "WLAN", Technology.Wlan, 54, 20, 0.03, 0.5, 0, 20, 3, 12, 0.1, new PricingRule.Fixed(), Tariff.Flat),
        ],
        new PopulationSpec(users, 0.35, 0.25, 0.3, 9, 0.4, 1, 0.15, 3, 1, 1.5, 0.3, 0.2, 8, 0.6));

    /// <summary>Measures one size; <paramref name="writeOutput"/> times the Parquet write of a run's rows.</summary>
    public static async Task<MarketBenchmarkResult> MeasureAsync(int users, int ticks, int blockSize, int repeats, int workers,
        Func<MemorySink, MarketSpec, Task>? writeOutput = null, int warmupTicks = 20)
    {
        using var system = MarketActorSystem.Create(workers, "marketsim-bench");
        try
        {
            await MarketRunner.RunAsync(system, Market(users, Math.Min(ticks, warmupTicks)), 1, blockSize, new MemorySink()).ConfigureAwait(false);
            var runs = new List<(double Seconds, RunSummary Summary, MemorySink Sink, double GcPause, int Gen2)>();
            for (var r = 0; r < repeats; r++)
            {
                GC.Collect();
                var sink = new MemorySink();
                var (pause, gen2) = (GC.GetTotalPauseDuration(), GC.CollectionCount(2));
                var clock = Stopwatch.StartNew();
                var summary = await MarketRunner.RunAsync(system, Market(users, ticks), (ulong)(r + 1), blockSize, sink).ConfigureAwait(false);
                runs.Add((clock.Elapsed.TotalSeconds, summary, sink, (GC.GetTotalPauseDuration() - pause).TotalSeconds, GC.CollectionCount(2) - gen2));
            }
            var ordered = runs.OrderBy(r => r.Seconds).ToList();
            var median = ordered[ordered.Count / 2];
            double output = 0;
            if (writeOutput is not null)
            {
                var clock = Stopwatch.StartNew();
                await writeOutput(median.Sink, Market(users, ticks)).ConfigureAwait(false);
                output = clock.Elapsed.TotalSeconds;
            }
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            return new MarketBenchmarkResult(users, ticks, blockSize, repeats, median.Seconds, ordered[0].Seconds, ordered[^1].Seconds,
                (double)users * ticks / median.Seconds, process.PeakWorkingSet64, median.Summary.Phases, output, median.GcPause, median.Gen2);
        }
        finally
        {
            await system.Terminate().ConfigureAwait(false);
        }
    }
}
