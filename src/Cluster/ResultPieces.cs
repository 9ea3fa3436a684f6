using System.Security.Cryptography;
using static MarketSim.Cluster.ClusterSweepProtocol;

namespace MarketSim.Cluster;

/// <summary>
/// Cuts a run's file into <see cref="ResultChunk"/> pieces on the worker and puts them back together on the
/// coordinator, checking the SHA-256 of the whole. Pieces stay well under Akka's default maximum frame size
/// (128 000 bytes), so no transport setting has to grow with the size of a run.
/// </summary>
public sealed class ResultPieces
{
    /// <summary>Bytes per piece.</summary>
    public const int PieceSize = 64 * 1024;

    private readonly Dictionary<(string Source, string RunId), Partial> partials = [];

    /// <summary>The pieces of <paramref name="file"/>, in sending order (at least one, even for an empty file).</summary>
    public static IReadOnlyList<ResultChunk> Split(string batchId, string runId, byte[] file, ClusterSecret? secret = null)
    {
        secret ??= ClusterSecret.None;
        ArgumentNullException.ThrowIfNull(file);
        var hash = Convert.ToHexString(SHA256.HashData(file));
        var count = Math.Max(1, (file.Length + PieceSize - 1) / PieceSize);
        var pieces = new List<ResultChunk>(count);
        for (var i = 0; i < count; i++)
        {
            var start = i * PieceSize;
            var piece = new ResultChunk(batchId, runId, i, count, hash, file.AsMemory(start, Math.Min(PieceSize, file.Length - start)));
            pieces.Add(piece with { Proof = secret.Prove("result", ProofParts(piece)) });
        }
        return pieces;
    }

    /// <summary>Adds a piece from <paramref name="source"/>; returns the whole file once its last piece is in, else null.</summary>
    /// <exception cref="InvalidDataException">A piece is out of order, or the reassembled file does not match its hash.</exception>
    public byte[]? Add(string source, ResultChunk piece)
    {
        ArgumentNullException.ThrowIfNull(piece);
        var key = (source, piece.RunId);
        if (piece.Index == 0) partials[key] = new Partial(piece.Count, piece.Sha256);
        if (!partials.TryGetValue(key, out var partial) || partial.Next != piece.Index || partial.Count != piece.Count || partial.Sha256 != piece.Sha256)
        {
            partials.Remove(key);
            throw new InvalidDataException($"result of run {piece.RunId} from {source}: piece {piece.Index + 1} of {piece.Count} arrived out of order");
        }
        partial.Buffer.Write(piece.Bytes.Span);
        partial.Next++;
        if (partial.Next < partial.Count) return null;
        partials.Remove(key);
        var file = partial.Buffer.ToArray();
        var actual = Convert.ToHexString(SHA256.HashData(file));
        return actual == partial.Sha256
            ? file
            : throw new InvalidDataException($"result of run {piece.RunId} from {source}: SHA-256 {actual} does not match the sender's {partial.Sha256}");
    }

    /// <summary>What a piece's proof covers: its ids, position, the whole file's hash and the hash of its own bytes.</summary>
    public static string[] ProofParts(ResultChunk piece)
    {
        ArgumentNullException.ThrowIfNull(piece);
        return [piece.BatchId, piece.RunId, piece.Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
            piece.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), piece.Sha256, Convert.ToHexString(SHA256.HashData(piece.Bytes.Span))];
    }

    /// <summary>Forgets the unfinished files of a lost <paramref name="source"/>.</summary>
    public void Drop(string source)
    {
        foreach (var key in partials.Keys.Where(k => k.Source == source).ToList()) partials.Remove(key);
    }

    /// <summary>Files being received now.</summary>
    public int InProgress => partials.Count;

    private sealed class Partial(int count, string sha256)
    {
        public int Count { get; } = count;
        public string Sha256 { get; } = sha256;
        public int Next { get; set; }
        public MemoryStream Buffer { get; } = new();
    }
}
