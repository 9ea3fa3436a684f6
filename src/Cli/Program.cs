using MarketSim.Cli.Commands;

var parsed = CommandLine.Build().Parse(args);
if (parsed.Errors.Count > 0)
{
    // System.CommandLine's own messages name .NET types (System.Nullable`1[System.UInt64]); bad input is exit 2 with
    // one readable line per problem, as for bad files.
    foreach (var error in parsed.Errors) Console.Error.WriteLine($"error: command line: {CommandLineErrors.Readable(error.Message)}");
    Console.Error.WriteLine("see `marketsim COMMAND --help` for the accepted options");
    return ExitCodes.BadInput;
}
return parsed.Invoke();
