using MarketSim.Experiments.Games;
using MarketSim.Reports.Results;

namespace MarketSim.Experiments.Tests.Games;

public class GameReaderTests
{
    private static readonly string PrisonersDilemma = File.ReadAllText(Repository.File("experiments/validation/prisoners-dilemma.yaml"));

    private static string Game(string players) => PrisonersDilemma[..PrisonersDilemma.IndexOf("  players:", StringComparison.Ordinal)] + players;

    public static TheoryData<string, string, int, string, string> BadGames => new()
    {
        // name, file, line, key, words of the fix
        {
            "other player's key",
            Game("  players:\n    firm-1:\n      nash: { \"providers[1].price\": 1.47293 }\n    firm-2:\n      nash: { \"providers[1].price\": 1.47293 }\n"),
            27, "game.players.firm-1.nash.providers[1].price", "providers[1] (firm-2) belongs to player firm-2; a strategy of firm-1 may set only firm-1's own keys (providers[0].*)"
        },
        {
            "wildcard",
            Game("  players:\n    firm-1:\n      nash: { \"providers[*].price\": 1.47293 }\n    firm-2:\n      nash: { \"providers[1].price\": 1.47293 }\n"),
            27, "game.players.firm-1.nash.providers[*].price", "write providers[0].price instead"
        },
        {
            "market-wide key",
            Game("  players:\n    firm-1:\n      nash: { \"users.count\": 10 }\n    firm-2:\n      nash: { \"providers[1].price\": 1.47293 }\n"),
            27, "game.players.firm-1.nash.users.count", "is a market-wide key, not a choice of player firm-1"
        },
        {
            "empty strategy list",
            Game("  players:\n    firm-1: {}\n    firm-2:\n      nash: { \"providers[1].price\": 1.47293 }\n"),
            26, "game.players.firm-1", "the strategy list is empty; give each player at least one named strategy"
        },
        {
            "one player",
            Game("  players:\n    firm-1:\n      nash: { \"providers[0].price\": 1.47293 }\n"),
            26, "game.players", "a game needs at least two players"
        },
        {
            "unknown payoff",
            PrisonersDilemma.Replace("payoff: mean_monthly_profit", "payoff: revenue"),
            22, "game.payoff", "'revenue' is not accepted; accepted: npv, mean_monthly_profit"
        },
        {
            "not a provider",
            Game("  players:\n    firm-9:\n      nash: {}\n    firm-2:\n      nash: {}\n"),
            26, "game.players.firm-9", "accepted: firm-1, firm-2"
        },
        {
            "unknown key in a strategy",
            Game("  players:\n    firm-1:\n      nash: { \"providers[0].prize\": 1 }\n    firm-2:\n      nash: {}\n"),
            27, "providers[0].prize", "strategy 'nash' of player firm-1 sets a key the experiment does not have"
        },
    };

    [Theory]
    [MemberData(nameof(BadGames))]
    public void A_bad_game_names_file_line_key_and_the_fix(string name, string text, int line, string key, string fix)
    {
        var path = TestFiles.Write(text, name.Replace(' ', '-').Replace('\'', '-') + ".yaml");
        var e = Assert.Throws<ConfigException>(() => GameReader.Load(path));
        Assert.Equal(path, e.File);
        Assert.Equal(line, e.Line);
        Assert.Equal(key, e.Key);
        Assert.Contains(fix, e.Problem);
    }

    [Fact]
    public void A_game_plans_every_profile_on_common_seeds_with_each_players_overrides()
    {
        var plan = GameReader.Load(Repository.File("experiments/validation/prisoners-dilemma.yaml"));
        Assert.Equal(4, plan.Space.Count);
        Assert.Equal(GameSearch.Exhaustive, plan.Search);
        Assert.Equal("nash.joint", plan.Label(1));
        var runs = plan.ProfileRuns[1];
        Assert.Equal(["nash.joint-r000", "nash.joint-r001", "nash.joint-r002"], runs.Select(r => r.RunId));
        Assert.Equal(1.47293, runs[0].Config.Market.Providers[0].InitialPrice, 12);
        Assert.Equal(1.92498, runs[0].Config.Market.Providers[1].InitialPrice, 12);
        for (var r = 0; r < 3; r++) Assert.Equal(plan.ProfileRuns[0][r].Seed, plan.ProfileRuns[3][r].Seed);
        Assert.Equal(new PayoffRule(PayoffKind.MeanMonthlyProfit, 0.05, 2, 4), plan.Payoff);
    }

    [Fact]
    public void Rules_apply_after_the_strategies_and_a_product_line_pays_its_owner()
    {
        var plan = GameReader.Load(Repository.File("experiments/games/c-bundle-partnering.yaml"));
        Assert.Equal(["3G-A", "3G-A-bundle"], plan.Players[0].PayoffProviders);
        int bundleRefused = plan.Space.Index([1, 2]), bundle50 = plan.Space.Index([1, 1]);
        Assert.DoesNotContain(plan.ProfileRuns[bundleRefused][0].Config.Market.Providers, p => p.Name == "3G-A-bundle");
        var line = plan.ProfileRuns[bundle50][0].Config.Market.Providers.Single(p => p.Name == "3G-A-bundle");
        Assert.Equal(0.5, line.Offer!.RevenueShare, 12);
        Assert.Equal(4, plan.ReferenceRuns.Count);
    }
}
