using System.Text;
using Akka.Actor;
using Akka.Serialization;
using static MarketSim.Cluster.ClusterSweepProtocol;

namespace MarketSim.Cluster;

/// <summary>
/// Compact binary form of <see cref="ClusterSweepProtocol"/> messages: UTF-8 strings and raw bytes with length
/// prefixes. Chosen over Akka's default JSON serializer, which would carry result files as base64 text and type
/// names; the format is private to one build (nodes of another version are rejected anyway).
/// </summary>
public sealed class ClusterSweepSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>Serializer id (ids up to 40 are Akka's own); must be the same on every node.</summary>
    public const int Id = 4053;

    private const string RequestWorkManifest = "R";
    private const string AssignmentManifest = "A";
    private const string NoWorkYetManifest = "W";
    private const string SessionFinishedManifest = "F";
    private const string RejectedManifest = "X";
    private const string ResultChunkManifest = "C";
    private const string RunFailedManifest = "E";
    private const string ChallengeManifest = "H";

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    public override string Manifest(object o) => o switch
    {
        RequestWork => RequestWorkManifest,
        Assignment => AssignmentManifest,
        NoWorkYet => NoWorkYetManifest,
        SessionFinished => SessionFinishedManifest,
        Rejected => RejectedManifest,
        ResultChunk => ResultChunkManifest,
        RunFailed => RunFailedManifest,
        Challenge => ChallengeManifest,
        _ => throw new ArgumentException($"{o.GetType()} is not a cluster message", nameof(o)),
    };

    /// <inheritdoc />
    public override byte[] ToBinary(object obj)
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            switch (obj)
            {
                case RequestWork m: w.Write(m.SoftwareVersion); w.Write(m.Proof); break;
                case Challenge m: w.Write(m.Nonce); break;
                case Assignment m: w.Write(m.BatchId); w.Write(m.File); w.Write(m.PlanText); w.Write(m.Values); w.Write(m.RunId); break;
                case NoWorkYet: break;
                case SessionFinished m: w.Write(m.SessionId); break;
                case Rejected m: w.Write(m.Reason); break;
                case ResultChunk m:
                    w.Write(m.BatchId); w.Write(m.RunId); w.Write(m.Index); w.Write(m.Count); w.Write(m.Sha256);
                    w.Write(m.Bytes.Length); w.Write(m.Bytes.Span); w.Write(m.Proof);
                    break;
                case RunFailed m: w.Write(m.BatchId); w.Write(m.RunId); w.Write(m.Error); w.Write(m.Proof); break;
                default: throw new ArgumentException($"{obj.GetType()} is not a cluster message", nameof(obj));
            }
        }
        return buffer.ToArray();
    }

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest)
    {
        using var r = new BinaryReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);
        return manifest switch
        {
            RequestWorkManifest => new RequestWork(r.ReadString(), r.ReadString()),
            ChallengeManifest => new Challenge(r.ReadString()),
            AssignmentManifest => new Assignment(r.ReadString(), r.ReadString(), r.ReadString(), r.ReadString(), r.ReadString()),
            NoWorkYetManifest => new NoWorkYet(),
            SessionFinishedManifest => new SessionFinished(r.ReadString()),
            RejectedManifest => new Rejected(r.ReadString()),
            ResultChunkManifest => new ResultChunk(r.ReadString(), r.ReadString(), r.ReadInt32(), r.ReadInt32(), r.ReadString(), ReadBytes(r), r.ReadString()),
            RunFailedManifest => new RunFailed(r.ReadString(), r.ReadString(), r.ReadString(), r.ReadString()),
            _ => throw new System.Runtime.Serialization.SerializationException($"unknown cluster sweep message manifest '{manifest}'"),
        };
    }

    private static byte[] ReadBytes(BinaryReader r)
    {
        var length = r.ReadInt32();
        var data = r.ReadBytes(length);
        return data.Length == length ? data : throw new System.Runtime.Serialization.SerializationException($"truncated result piece: {data.Length} of {length} bytes");
    }
}
