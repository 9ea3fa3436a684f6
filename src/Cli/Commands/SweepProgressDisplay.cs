using System.Diagnostics;
using MarketSim.Experiments.Sweeps;
using Spectre.Console;

namespace MarketSim.Cli.Commands;

/// <summary>
/// Shows sweep progress: a live Spectre.Console bar (runs done, rate, ETA) on an interactive terminal, plain
/// lines otherwise (CI logs, pipes), so logs stay readable.
/// </summary>
public static class SweepProgressDisplay
{
    /// <summary>Runs <paramref name="sweep"/> with a progress sink suited to the console.</summary>
    public static async Task<T> RunAsync<T>(Func<ISweepProgress, Task<T>> sweep)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive || Console.IsOutputRedirected)
            return await sweep(new PlainLines()).ConfigureAwait(false);
        T result = default!;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("runs", autoStart: true, maxValue: 1);
                result = await sweep(new LiveBar(task)).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return result;
    }

    private sealed class LiveBar(ProgressTask task) : ISweepProgress
    {
        public void Started(int total, int alreadyDone)
        {
            task.MaxValue = total;
            task.Value = alreadyDone;
        }

        public void RunFinished(string runId, int done, int total)
        {
            task.Value = done;
            task.Description = $"runs {done}/{total}";
        }

        public void Note(string message) => Console.Error.WriteLine($"sweep: {message}");
    }

    private sealed class PlainLines : ISweepProgress
    {
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private int startDone;

        public void Started(int total, int alreadyDone)
        {
            startDone = alreadyDone;
            Console.WriteLine($"sweep: {total} runs planned, {alreadyDone} already done");
        }

        public void RunFinished(string runId, int done, int total)
        {
            var rate = (done - startDone) / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
            var eta = rate > 0 ? (total - done) / rate : double.NaN;
            Console.WriteLine($"run {done}/{total} done ({runId}), {rate:F2} runs/s, ETA {eta:F0} s");
        }

        public void Note(string message) => Console.Error.WriteLine($"sweep: {message}");
    }
}
