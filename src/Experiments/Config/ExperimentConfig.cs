using MarketSim.Market;

namespace MarketSim.Experiments.Config;

/// <summary>A validated experiment file: the market, the seed and how to run it.</summary>
/// <param name="File">Path of the file as given.</param>
/// <param name="SourceText">The file's exact content, copied into the run manifest.</param>
/// <param name="Market">The market model.</param>
/// <param name="Seed">Root seed of the random streams.</param>
/// <param name="BlockSize">Users per end-user actor (does not change results, only how work is split).</param>
/// <param name="PerUserOutput">Also write one row per user and month (`per_user_output`); an output choice, not
/// part of the model, so it lives here and not in <see cref="MarketSpec"/>.</param>
public sealed record ExperimentConfig(string File, string SourceText, MarketSpec Market, ulong Seed, int BlockSize, bool PerUserOutput = false);
