using MarketSim.Reports.Results;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MarketSim.Experiments.Config;

/// <summary>Loads a YAML file into a node tree that keeps line numbers, turning every failure into a <see cref="ConfigException"/>.</summary>
public static class YamlFile
{
    /// <summary>Reads and parses the file; the root must be a mapping.</summary>
    public static YamlSection Load(string path)
    {
        if (!File.Exists(path)) throw new ConfigException(path, 0, null, "file not found");
        return Parse(path, ReadText(path));
    }

    /// <summary>The text of an input file, refusing one larger than <see cref="InputLimits.MaxFileBytes"/> before reading it.</summary>
    public static string ReadText(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new ConfigException(path, 0, null, "file not found");
        if (info.Length > InputLimits.MaxFileBytes)
            throw new ConfigException(path, 0, null, $"the file is {info.Length} bytes (limit: file size); accepted: at most {InputLimits.MaxFileBytes} bytes");
        return File.ReadAllText(path);
    }

    /// <summary>Parses text that came from <paramref name="path"/>.</summary>
    public static YamlSection Parse(string path, string text)
    {
        if (text.Length > InputLimits.MaxFileBytes)
            throw new ConfigException(path, 0, null, $"the text is {text.Length} characters (limit: file size); accepted: at most {InputLimits.MaxFileBytes}");
        YamlBudget.Check(path, text);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var reason = (e.InnerException?.Message ?? e.Message).Split('\n')[0];
            throw new ConfigException(path, (int)e.Start.Line, null, $"malformed YAML: {reason}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (without a position) on some unterminated flow collections.
            throw new ConfigException(path, LastParsedLine(text), null, "malformed YAML: an unterminated [list] or {mapping} starts at or before this line");
        }
        catch (ArgumentException e)
        {
            // The representation model throws this for a key written twice in one mapping.
            throw new ConfigException(path, LastParsedLine(text), null, $"malformed YAML: {e.Message.Split('\n')[0]}");
        }
        if (stream.Documents.Count == 0) throw new ConfigException(path, 0, null, "the file is empty; expected a mapping of keys");
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new ConfigException(path, (int)stream.Documents[0].RootNode.Start.Line, null, "expected a mapping of keys at the top level");
        return new YamlSection(path, "", root);
    }

    /// <summary>Line of the last event the low-level parser could read: where the text stops making sense.</summary>
    private static int LastParsedLine(string text)
    {
        var parser = new Parser(new StringReader(text));
        var line = 1;
        try
        {
            while (parser.MoveNext()) line = (int)parser.Current!.Start.Line;
        }
        catch (Exception)
        {
            // The failure is what we are locating; the last good line is the answer.
        }
        return line;
    }
}
