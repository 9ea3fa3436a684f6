namespace MarketSim.Experiments.Config;

/// <summary>
/// Limits on what an input file may ask for, so that a few kilobytes of hostile YAML cannot take the machine:
/// each is checked while reading and broken with a clear exit-2 message naming the limit (README, "Limits").
/// </summary>
public static class InputLimits
{
    /// <summary>Largest experiment, sweep or network file read (1 MiB: the example files are a few KB).</summary>
    public const long MaxFileBytes = 1 << 20;

    /// <summary>Deepest nesting of lists and mappings (the format needs 4).</summary>
    public const int MaxDepth = 32;

    /// <summary>Most entries in one list (swept values, providers, links...).</summary>
    public const int MaxListLength = 10_000;

    /// <summary>Most values in the file once YAML aliases (*name) are expanded: an alias of an alias of a list
    /// multiplies, and everything that walks the file walks the expanded tree.</summary>
    public const long MaxExpandedNodes = 200_000;

    /// <summary>Longest experiment name (it becomes a folder name).</summary>
    public const int MaxNameLength = 100;

    /// <summary>Longest provider, link or user-group name.</summary>
    public const int MaxLabelLength = 64;

    /// <summary>Runs a sweep may plan unless the user raises the limit with --max-runs.</summary>
    public const int DefaultMaxRuns = 10_000;

    /// <summary>The most --max-runs accepts.</summary>
    public const int MaxRuns = 1_000_000;

    /// <summary>Share of the memory available to the process that one run (or the runs of a sweep in flight) may be
    /// estimated to need before validation refuses it.</summary>
    public const double MemoryShare = 0.8;

    /// <summary>A printable label without control characters, of at most <paramref name="max"/> characters; else the problem.</summary>
    public static string? LabelProblem(string value, int max)
    {
        if (value.Length > max) return $"is {value.Length} characters long; accepted: at most {max} characters";
        if (value.Any(char.IsControl)) return "contains control characters (a tab, a new line...); accepted: printable characters only";
        return null;
    }
}
