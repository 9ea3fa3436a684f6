using MarketSim.Reports.Results;
using Parquet;
using Parquet.Schema;

namespace MarketSim.Experiments.Games;

/// <summary>
/// `payoffs.parquet`: one row per (profile run, player): the profile, the player's strategy in it, the mean payoff
/// over replications with its 95 % interval (Student t), the replications, and the profile's equilibrium status.
/// </summary>
public static class PayoffsFile
{
    /// <summary>File name inside the game's results folder.</summary>
    public const string FileName = "payoffs.parquet";

    private static readonly DataField<string> Profile = new("profile");
    private static readonly DataField<int> ProfileIndex = new("profile_index");
    private static readonly DataField<string> Player = new("player");
    private static readonly DataField<string> Strategy = new("strategy");
    private static readonly DataField<double> Mean = new("payoff_mean");
    private static readonly DataField<double> Lower = new("payoff_lower");
    private static readonly DataField<double> Upper = new("payoff_upper");
    private static readonly DataField<int> Replications = new("replications");
    private static readonly DataField<string> Status = new("status");

    /// <summary>The schema, in column order.</summary>
    public static ParquetSchema Schema { get; } = new(Profile, ProfileIndex, Player, Strategy, Mean, Lower, Upper, Replications, Status);

    /// <summary>Writes the file atomically.</summary>
    public static Task WriteAsync(string path, GameResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plan = result.Plan;
        var rows = (from p in result.Payoffs.Profiles
                    from i in Enumerable.Range(0, plan.Players.Count)
                    select (Profile: p, Player: i, Interval: result.Payoffs.Interval(p, i))).ToList();
        return AtomicFile.WriteAsync(path, async stream =>
        {
            var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy, CompressionLevel = System.IO.Compression.CompressionLevel.Fastest };
            await using var writer = await ParquetWriter.CreateAsync(Schema, stream, options).ConfigureAwait(false);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(Profile, rows.Select(r => plan.Label(r.Profile)).ToArray()).ConfigureAwait(false);
            await group.WriteAsync<int>(ProfileIndex, rows.Select(r => r.Profile).ToArray()).ConfigureAwait(false);
            await group.WriteAsync(Player, rows.Select(r => plan.Players[r.Player].Name).ToArray()).ConfigureAwait(false);
            await group.WriteAsync(Strategy, rows.Select(r => plan.Players[r.Player].Strategies[plan.Space.Strategies(r.Profile)[r.Player]].Name).ToArray()).ConfigureAwait(false);
            await group.WriteAsync<double>(Mean, rows.Select(r => r.Interval.Mean).ToArray()).ConfigureAwait(false);
            await group.WriteAsync<double>(Lower, rows.Select(r => r.Interval.Lower).ToArray()).ConfigureAwait(false);
            await group.WriteAsync<double>(Upper, rows.Select(r => r.Interval.Upper).ToArray()).ConfigureAwait(false);
            await group.WriteAsync<int>(Replications, rows.Select(r => r.Interval.N).ToArray()).ConfigureAwait(false);
            await group.WriteAsync(Status, rows.Select(r => StatusName(EquilibriumAnalysis.Status(result.Payoffs, r.Profile))).ToArray()).ConfigureAwait(false);
        });
    }

    /// <summary>The status as written in files and the report.</summary>
    public static string StatusName(ProfileStatus status) => status switch
    {
        ProfileStatus.Equilibrium => "equilibrium",
        ProfileStatus.Undecided => "undecided",
        ProfileStatus.NotEquilibrium => "not_equilibrium",
        _ => "unexamined",
    };
}
