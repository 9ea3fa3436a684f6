using System.Globalization;
using System.Text.RegularExpressions;

namespace MarketSim.Cli.Tests;

/// <summary>The bench commands run and report what they measured (numbers are checked by eye, never timed here).</summary>
public class BenchCommandTests
{
    [Fact]
    public void Bench_transport_reports_machine_settings_and_one_row_per_size()
    {
        var result = CliProcess.Run(CliProcess.NewFolder(), "bench", "transport", "--users", "1000,2000", "--ticks", "2");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("machine:", result.Stdout);
        Assert.Contains("settings: 2 timed warm solves", result.Stdout);
        Assert.Matches(@"\n\s+1000\s+100\s+2000\s", result.Stdout);
        Assert.Matches(@"\n\s+2000\s+200\s+4000\s", result.Stdout);
    }

    [Fact]
    public void Bench_market_reports_user_ticks_per_second_and_the_phase_split()
    {
        var result = CliProcess.Run(CliProcess.NewFolder(), "bench", "market", "--users", "2000", "--ticks", "4", "--repeats", "1", "--workers", "2");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("user-ticks/s", result.Stdout);
        Assert.Contains("transport s", result.Stdout);
        Assert.Contains("check s", result.Stdout);
        Assert.Contains("gc pause s", result.Stdout);
        Assert.Contains("months u-t/s", result.Stdout);
        // Every column filled, the last two the GC's pause time and its full collections.
        var row = Regex.Match(result.Stdout, @"\n\s+2000\s+10000(\s+[\d.,]+){14}\s+\d+\.\d{3}\s+\d+\r?\n");
        Assert.True(row.Success, result.Stdout);
        // The months alone (without the closing check) run at least as many user-ticks a second as the whole run.
        // Split on any white space, so the row's leading line break is no token: users, block, median, min, max s, then the rates.
        var numbers = row.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("2000", numbers[0]);
        double whole = double.Parse(numbers[5], NumberStyles.Number, CultureInfo.InvariantCulture), months = double.Parse(numbers[6], NumberStyles.Number, CultureInfo.InvariantCulture);
        Assert.True(months >= whole, $"months {months} < whole run {whole}");
        // The demand oracle's cost: cold, after a jump, and each month of a run's price path next to that month's decisions.
        Assert.Contains("oracle 2000 users: a month of decisions", result.Stdout);
        Assert.Matches(@"in a run's price path \(months 2-4, .*median \d+\.\d+ s\) median \d+\.\d+ s, \d+\.\d+ months of decisions", result.Stdout);
    }

    [Fact]
    public void Bench_rejects_bad_sizes_with_exit_2()
    {
        var result = CliProcess.Run(CliProcess.NewFolder(), "bench", "market", "--users", "ten");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--users", result.Stderr);
    }
}
