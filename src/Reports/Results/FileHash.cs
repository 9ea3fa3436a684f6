using System.Security.Cryptography;

namespace MarketSim.Reports.Results;

/// <summary>SHA-256 of files, in lower-case hex: what manifests record and readers check.</summary>
public static class FileHash
{
    /// <summary>The hash of a file's bytes (streamed, so large per-user files do not sit in memory).</summary>
    public static string Of(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The hash of bytes held in memory.</summary>
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>True if the file exists and its bytes hash to <paramref name="expected"/>.</summary>
    public static bool Matches(string path, string? expected)
        => expected is not null && File.Exists(path) && string.Equals(Of(path), expected, StringComparison.Ordinal);

    /// <summary>True if <paramref name="relative"/> is a plain relative path that stays inside its folder (no root,
    /// no "..", no control characters): a manifest read from disk may have been edited, and only such paths are
    /// ever opened, moved or deleted on its word.</summary>
    public static bool IsInside(string relative)
        => relative.Length > 0 && !Path.IsPathRooted(relative) && !relative.Any(char.IsControl)
           && !relative.Split('/', '\\').Any(part => part is "" or "." or "..");
}
