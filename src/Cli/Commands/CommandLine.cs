using System.CommandLine;

namespace MarketSim.Cli.Commands;

/// <summary>The `marketsim` command tree. Exit codes: 0 success, 1 failure while running, 2 bad input.</summary>
public static class CommandLine
{
    /// <summary>Builds the root command with every subcommand.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("MarketSim: agent-based simulation of Internet access markets with Multipath TCP.");
        root.Subcommands.Add(RunCommand.Build());
        root.Subcommands.Add(ValidateCommand.Build());
        root.Subcommands.Add(SweepCommand.Build());
        root.Subcommands.Add(GameCommand.Build());
        root.Subcommands.Add(NodeCommand.Build());
        root.Subcommands.Add(FlowsCommand.Build());
        root.Subcommands.Add(PlotCommand.Build());
        root.Subcommands.Add(AnalyzeCommand.Build());
        root.Subcommands.Add(CalibrateCommand.Build());
        root.Subcommands.Add(CalvanoCommand.Build());
        root.Subcommands.Add(BenchCommand.Build());
        return root;
    }
}
