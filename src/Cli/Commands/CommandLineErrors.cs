using System.Text.RegularExpressions;

namespace MarketSim.Cli.Commands;

/// <summary>Turns System.CommandLine's parse errors into words a user reads: type names become "a whole number >= 0"...</summary>
public static partial class CommandLineErrors
{
    /// <summary>The message with every .NET type name replaced by what it accepts.</summary>
    public static string Readable(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return TypeName().Replace(message, m => m.Groups["type"].Value switch
        {
            "UInt64" or "UInt32" => "a whole number >= 0",
            "Int32" or "Int64" => "a whole number",
            "Double" or "Single" => "a number",
            "Boolean" => "true or false",
            _ => "a value",
        }).Replace('\n', ' ');
    }

    [GeneratedRegex(@"'?System\.(Nullable`1\[System\.)?(?<type>[A-Za-z0-9]+)\]?'?")]
    private static partial Regex TypeName();
}
