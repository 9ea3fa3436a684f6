using MarketSim.Cli.Commands;

return CommandLine.Build().Parse(args).Invoke();
