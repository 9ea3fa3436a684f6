using System.Diagnostics;

namespace MarketSim.Cli.Tests;

public class GameCommandTests
{
    [Fact]
    public void A_strategy_setting_another_players_key_exits_2_naming_file_line_key_and_fix_and_writes_nothing()
    {
        var text = File.ReadAllText(CliProcess.RepositoryFile("experiments/validation/prisoners-dilemma.yaml"))
            .Replace("joint: { \"providers[1].price\": 1.92498 }", "joint: { \"providers[0].price\": 1.92498 }", StringComparison.Ordinal);
        var folder = CliProcess.NewFolder();
        var file = Path.Combine(folder, "bad-game.yaml");
        File.WriteAllText(file, text);
        var output = Path.Combine(folder, "out");
        foreach (var args in new[] { new[] { "game", file, "--out", output }, new[] { "validate", file } })
        {
            var result = CliProcess.Run(folder, args);
            Assert.Equal(2, result.ExitCode);
            var error = result.Stderr.TrimEnd('\n');
            Assert.DoesNotContain('\n', error);
            Assert.StartsWith($"error: {file}:31: key 'game.players.firm-2.joint.providers[0].price': providers[0] (firm-1) belongs to player firm-1", error);
            Assert.Contains("a strategy of firm-2 may set only firm-2's own keys (providers[1].*)", error);
        }
        Assert.False(Directory.Exists(output));
        Assert.False(Directory.Exists(Path.Combine(folder, "results")));
    }

    [Fact]
    public void Validate_accepts_the_paper_games()
    {
        foreach (var game in new[] { "a-flat-vs-performance", "b-vmpo-hosting", "c-bundle-partnering" })
        {
            var result = CliProcess.Run(CliProcess.NewFolder(), "validate", CliProcess.RepositoryFile($"experiments/games/{game}.yaml"));
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("ok (game-", result.Stdout);
        }
    }

    [Fact]
    public void A_game_killed_mid_way_and_resumed_writes_the_same_files_as_an_uninterrupted_one()
    {
        var folder = CliProcess.NewFolder();
        var file = Path.Combine(folder, "pd.yaml");
        File.WriteAllText(file, File.ReadAllText(CliProcess.RepositoryFile("experiments/validation/prisoners-dilemma.yaml"))
            .Replace("replications: 3", "replications: 6", StringComparison.Ordinal));
        Assert.Equal(0, CliProcess.Run(folder, "game", file, "--out", "reference", "--workers", "2").ExitCode);
        var expected = Hashes(Path.Combine(folder, "reference"));
        Assert.Equal(4 * 6 + 2, expected.Count);

        var runs = Path.Combine(folder, "interrupted", "runs");
        using (var process = CliProcess.Start(folder, "game", file, "--out", "interrupted", "--workers", "2"))
        {
            var clock = Stopwatch.StartNew();
            while (!(Directory.Exists(runs) && Directory.EnumerateFiles(runs, "*.parquet").Any()) && clock.Elapsed < TimeSpan.FromMinutes(2))
                Thread.Sleep(10);
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        Assert.InRange(Directory.EnumerateFiles(runs, "*.parquet").Count(), 1, 4 * 6 - 1);
        Assert.False(File.Exists(Path.Combine(folder, "interrupted", "payoffs.parquet")));
        var resumed = CliProcess.Run(folder, "game", file, "--out", "interrupted", "--workers", "1", "--resume");
        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(expected, Hashes(Path.Combine(folder, "interrupted")));
    }

    /// <summary>Hash of every run file, payoffs.parquet and the report page, by name.</summary>
    private static Dictionary<string, string> Hashes(string folder)
    {
        var hashes = CliProcess.RunHashes(folder);
        foreach (var file in new[] { "payoffs.parquet", Path.Combine("game", "report.html") })
            hashes[file] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, file))));
        return hashes;
    }
}
