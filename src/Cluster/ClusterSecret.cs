using System.Security.Cryptography;
using System.Text;
using MarketSim.Reports.Results;

namespace MarketSim.Cluster;

/// <summary>
/// The shared secret of a cluster sweep (`--secret-file`), proving messages with HMAC-SHA256. Chosen over Akka.Remote
/// TLS because it needs one file rather than a certificate per machine, and because it authenticates what matters
/// at the application level: a node earns work only by answering the coordinator's challenge (a fresh nonce bound to
/// its address), and every result piece and failure report carries a proof over its content, so a process without
/// the secret can neither receive the sweep file nor store bytes as a run nor abort the sweep. What it does not do:
/// encrypt (the sweep file and results cross the network readable) or keep strangers out of Akka's membership gossip.
/// Without a secret (<see cref="None"/>) every proof is empty and accepted: allowed only on the loopback interface.
/// </summary>
public sealed class ClusterSecret
{
    /// <summary>Shortest accepted secret, in bytes.</summary>
    public const int MinimumBytes = 16;

    /// <summary>Largest accepted secret file.</summary>
    public const int MaximumBytes = 4096;

    private readonly byte[]? key;

    private ClusterSecret(byte[]? key) => this.key = key;

    /// <summary>No secret: proofs are empty and everything is accepted (loopback only).</summary>
    public static ClusterSecret None { get; } = new(null);

    /// <summary>True when a secret is set.</summary>
    public bool IsSet => key is not null;

    /// <summary>A secret from bytes (surrounding whitespace, e.g. a final new line, is not part of it).</summary>
    public static ClusterSecret FromText(string text, string source = "--secret-file")
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text.Trim());
        if (bytes.Length < MinimumBytes)
            throw new ConfigException(source, 0, "--secret-file", $"the secret is {bytes.Length} bytes; accepted: at least {MinimumBytes} bytes (e.g. `head -c 32 /dev/urandom | base64 > secret`)");
        return new ClusterSecret(bytes);
    }

    /// <summary>Reads the secret file.</summary>
    public static ClusterSecret Load(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new ConfigException(path, 0, "--secret-file", "file not found");
        if (info.Length > MaximumBytes) throw new ConfigException(path, 0, "--secret-file", $"the file is {info.Length} bytes; accepted: at most {MaximumBytes}");
        return FromText(File.ReadAllText(path), path);
    }

    /// <summary>The proof of <paramref name="parts"/> for <paramref name="purpose"/> ("" without a secret).</summary>
    public string Prove(string purpose, params string[] parts)
    {
        if (key is null) return "";
        using var hmac = new HMACSHA256(key);
        return Convert.ToHexStringLower(hmac.ComputeHash(Encode(purpose, parts)));
    }

    /// <summary>True if <paramref name="proof"/> is the proof of the parts (always true without a secret).</summary>
    public bool Verify(string proof, string purpose, params string[] parts)
    {
        if (key is null) return true;
        var expected = Encoding.ASCII.GetBytes(Prove(purpose, parts));
        var given = Encoding.ASCII.GetBytes(proof ?? "");
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>Length-prefixed parts, so no two different part lists encode alike.</summary>
    private static byte[] Encode(string purpose, string[] parts)
    {
        using var buffer = new MemoryStream();
        using var writer = new BinaryWriter(buffer, Encoding.UTF8);
        writer.Write(purpose);
        foreach (var part in parts) writer.Write(part);
        writer.Flush();
        return buffer.ToArray();
    }
}
