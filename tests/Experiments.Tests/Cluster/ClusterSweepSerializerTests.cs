using Akka.Actor;
using MarketSim.Cluster;
using static MarketSim.Cluster.ClusterSweepProtocol;

namespace MarketSim.Experiments.Tests.Cluster;

public sealed class ClusterSweepSerializerTests : IDisposable
{
    private readonly ActorSystem system = ActorSystem.Create("serializer-tests",
        "akka { loglevel = WARNING, stdout-loglevel = WARNING }");

    public void Dispose() => system.Dispose();

    public static TheoryData<IClusterSweepMessage> Messages => new()
    {
        new RequestWork("0.1.0+abc"),
        new Assignment("sweep-1", "experiments/x.yaml", "name: x\nusers:\n  count: [1, 2]  # ü\n", "", "p001-flat-r003"),
        new Assignment("session-2", "c.yaml", "calibration: {}\n", "0.25;4.000000000000001", "calibration-r001"),
        new NoWorkYet(),
        new SessionFinished("session-1"),
        new Rejected("the coordinator runs MarketSim 0.2.0"),
        new RunFailed("sweep-1", "p000-base-r000", "InvalidOperationException: boom"),
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void Every_message_survives_the_round_trip(IClusterSweepMessage message)
    {
        var serializer = new ClusterSweepSerializer((ExtendedActorSystem)system);
        var back = serializer.FromBinary(serializer.ToBinary(message), serializer.Manifest(message));
        Assert.Equal(message, back);
    }

    [Fact]
    public void A_result_piece_keeps_its_bytes()
    {
        var serializer = new ClusterSweepSerializer((ExtendedActorSystem)system);
        var file = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        var piece = ResultPieces.Split("sweep-1", "p000-base-r000", file)[0];
        var back = Assert.IsType<ResultChunk>(serializer.FromBinary(serializer.ToBinary(piece), serializer.Manifest(piece)));
        Assert.Equal((piece.BatchId, piece.RunId, piece.Index, piece.Count, piece.Sha256), (back.BatchId, back.RunId, back.Index, back.Count, back.Sha256));
        Assert.Equal(file, back.Bytes.ToArray());
    }

    [Fact]
    public async Task The_cluster_settings_route_every_message_through_this_serializer()
    {
        // The node's own settings, minus the cluster provider: serialization is resolved the same, nothing joins.
        var config = Akka.Configuration.ConfigurationFactory.ParseString("akka.actor.provider = local")
            .WithFallback(ClusterConfig.Worker(new ClusterAddress("127.0.0.1", 4053), "127.0.0.1", 0));
        var node = ActorSystem.Create(ClusterConfig.SystemName, config);
        try
        {
            foreach (var message in Messages) Assert.IsType<ClusterSweepSerializer>(node.Serialization.FindSerializerFor(message));
            Assert.IsType<ClusterSweepSerializer>(node.Serialization.FindSerializerFor(ResultPieces.Split("s", "r", [1, 2, 3])[0]));
        }
        finally
        {
            await node.Terminate();
        }
    }

    [Fact]
    public void A_full_piece_fits_in_akkas_default_frame_with_room_to_spare()
    {
        var serializer = new ClusterSweepSerializer((ExtendedActorSystem)system);
        var piece = ResultPieces.Split(Guid.NewGuid().ToString("N"), "p999-performance-r999", new byte[ResultPieces.PieceSize])[0];
        Assert.InRange(serializer.ToBinary(piece).Length, 1, 128_000 - 4_000);
    }
}
