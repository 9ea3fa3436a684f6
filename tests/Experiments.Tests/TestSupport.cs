using MarketSim.Experiments.Config;
using MarketSim.Reports.Results;

namespace MarketSim.Experiments.Tests;

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string File(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "MarketSim.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("MarketSim.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Temporary files and folders for one test run.</summary>
internal static class TestFiles
{
    public static string Baseline { get; } = System.IO.File.ReadAllText(Repository.File("experiments/baseline.yaml"));

    public static string NewFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), "marketsim-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public static string Write(string text, string name = "experiment.yaml")
    {
        var path = Path.Combine(NewFolder(), name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }
}

/// <summary>Edits YAML text for error tests, keeping it otherwise valid.</summary>
internal static class Yaml
{
    /// <summary>
    /// Applies a small patch: "section:\n  key: value" sets key inside the first occurrence of that section
    /// (for "providers", inside the first list entry); a top-level "key: value" replaces or adds the key.
    /// </summary>
    public static string Patch(string text, string patch)
    {
        var lines = text.Split('\n').ToList();
        var patchLines = patch.Split('\n');
        if (patchLines.Length == 1)
        {
            var key = patchLines[0].Split(':')[0];
            var at = lines.FindIndex(l => l.StartsWith(key + ":", StringComparison.Ordinal));
            if (at >= 0) lines[at] = patchLines[0];
            else lines.Insert(lines.FindIndex(l => l.StartsWith("users:", StringComparison.Ordinal)), patchLines[0]);
            return string.Join('\n', lines);
        }
        var section = patchLines[0].TrimEnd(':');
        var start = lines.FindIndex(l => l.StartsWith(section + ":", StringComparison.Ordinal));
        foreach (var raw in patchLines.Skip(1))
        {
            var entry = raw.TrimStart(' ', '-');
            var key = entry.Split(':')[0];
            var end = lines.FindIndex(start + 1, l => l.Length > 0 && !l.StartsWith(' ') && !l.StartsWith('-') && !l.StartsWith('#'));
            if (end < 0) end = lines.Count;
            var at = lines.FindIndex(start + 1, end - start - 1, l => l.TrimStart(' ', '-').StartsWith(key + ":", StringComparison.Ordinal));
            var indent = section == "providers" ? "    " : "  ";
            if (at >= 0)
            {
                var prefix = lines[at][..(lines[at].Length - lines[at].TrimStart(' ', '-').Length)];
                lines[at] = prefix + entry;
            }
            else lines.Insert(start + 1, indent + entry);
        }
        return string.Join('\n', lines);
    }

    /// <summary>1-based line of the first line whose key (after indentation and '- ') is <paramref name="key"/>,
    /// searching from the end of the patched region: the last occurrence written by <see cref="Patch"/> wins.</summary>
    public static int LineOf(string text, string key)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart(' ', '-').StartsWith(key + ":", StringComparison.Ordinal)) return i + 1;
        }
        return -1;
    }
}

/// <summary>Shared by the key-reader tests: the baseline file with lines added to its users section, and the
/// assertion that a bad value is rejected naming file, line, key, value and the accepted range.</summary>
internal static class KeyReader
{
    /// <summary>The baseline experiment with <paramref name="lines"/> inserted in its users section.</summary>
    public static string WithUsers(string lines)
        => TestFiles.Baseline.Replace("  activity: 0.2                #", lines + "\n  activity: 0.2                #", StringComparison.Ordinal);

    /// <summary>Loading <paramref name="text"/> fails with a <see cref="ConfigException"/> naming all of it.</summary>
    public static void AssertRejected(string text, string key, string value, string accepted)
    {
        var path = TestFiles.Write(text);
        var error = Assert.Throws<ConfigException>(() => ExperimentReader.Load(path));
        Assert.Equal(key, error.Key);
        Assert.True(error.Line > 0, "the error names a line");
        Assert.Contains(path, error.Message);
        Assert.Contains(value, error.Message);
        Assert.Contains(accepted, error.Message);
    }
}
