namespace MarketSim.Reports.Results;

/// <summary>
/// Bad input: a one-line message naming the file, the line, the key, the bad value and what is accepted.
/// The command line maps it to exit code 2.
/// </summary>
public sealed class ConfigException : Exception
{
    /// <summary>Creates the error; <paramref name="line"/> is 1-based, 0 when the file itself is the problem.</summary>
    public ConfigException(string file, int line, string? key, string problem)
        : base(Format(file, line, key, problem))
    {
        File = file;
        Line = line;
        Key = key;
        Problem = problem;
    }

    /// <summary>The file as the user named it.</summary>
    public string File { get; }

    /// <summary>1-based line, 0 when there is none.</summary>
    public int Line { get; }

    /// <summary>Dotted path of the key, e.g. providers[1].cell_capacity_mbps.</summary>
    public string? Key { get; }

    /// <summary>What is wrong and what is accepted.</summary>
    public string Problem { get; }

    private static string Format(string file, int line, string? key, string problem)
    {
        var where = line > 0 ? $"{file}:{line}" : file;
        return key is null ? $"{where}: {problem}" : $"{where}: key '{key}': {problem}";
    }
}
