using MarketSim.Experiments.Config;
using MarketSim.Experiments.Running;

namespace MarketSim.Experiments.Tests;

[Collection("actor runs")]
public class AdoptionPlotTests
{
    [Fact]
    public async Task A_run_with_Bass_adoption_plots_the_capable_share_with_its_labels()
    {
        var text = TestFiles.Baseline
            .Replace("count: 20000", "count: 1500")
            .Replace("ticks: 60", "ticks: 12")
            .Replace("  activity: 0.2                #", "  mptcp_adoption:\n    innovation: 0.02\n    imitation: 0.3\n  activity: 0.2                #", StringComparison.Ordinal);
        var output = await ExperimentRunner.RunAsync(ExperimentReader.Load(TestFiles.Write(text)), TestFiles.NewFolder(), workers: 2);
        var svg = Assert.Single(output.PlotFiles, p => p.EndsWith("adoption.svg", StringComparison.Ordinal));
        Assert.Contains(output.PlotFiles, p => p.EndsWith("adoption.png", StringComparison.Ordinal));
        var content = await File.ReadAllTextAsync(svg);
        Assert.Contains("<text", content);
        Assert.Contains("MPTCP-capable devices", content);
        Assert.Contains("Bass F(t)", content);
    }

    [Fact]
    public async Task A_run_with_a_fixed_capable_share_has_no_adoption_plot()
    {
        var output = await ExperimentRunner.RunAsync(RunOutputTests.SmallBaseline(users: 1000, ticks: 4), TestFiles.NewFolder(), workers: 2);
        Assert.DoesNotContain(output.PlotFiles, p => p.Contains("adoption", StringComparison.Ordinal));
    }
}
