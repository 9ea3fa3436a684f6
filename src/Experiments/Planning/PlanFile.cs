using MarketSim.Experiments.Config;
using MarketSim.Experiments.Games;
using MarketSim.Experiments.Sweeps;

namespace MarketSim.Experiments.Planning;

/// <summary>
/// Plans every run of a sweep file or a game file from its text. Here, above both readers, so that sweeps need not
/// know games (a game is planned as a sweep of its profiles, never the other way round).
/// </summary>
public static class PlanFile
{
    /// <summary>Plans the runs of the file whose text came from <paramref name="path"/> (a cluster worker re-plans the
    /// coordinator's file this way and gets the very same runs).</summary>
    public static SweepPlan Parse(string path, string text, int maxRuns = InputLimits.MaxRuns)
    {
        var root = YamlFile.Parse(path, text);
        return GameReader.IsGame(root) ? GameReader.Plan(root, path, text).AllRuns() : SweepReader.Plan(root, path, text, maxRuns);
    }
}
