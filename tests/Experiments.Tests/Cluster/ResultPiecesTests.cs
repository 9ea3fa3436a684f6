using MarketSim.Cluster;

namespace MarketSim.Experiments.Tests.Cluster;

public class ResultPiecesTests
{
    private static byte[] File(int length) => Enumerable.Range(0, length).Select(i => (byte)(i * 31 + 7)).ToArray();

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(ResultPieces.PieceSize, 1)]
    [InlineData(ResultPieces.PieceSize + 1, 2)]
    [InlineData(3 * ResultPieces.PieceSize + 5, 4)]
    public void A_file_cut_into_pieces_comes_back_whole(int length, int pieces)
    {
        var file = File(length);
        var split = ResultPieces.Split("s", "p000-base-r000", file);
        Assert.Equal(pieces, split.Count);
        Assert.All(split, p => Assert.InRange(p.Bytes.Length, 0, ResultPieces.PieceSize));
        var receiver = new ResultPieces();
        for (var i = 0; i < split.Count - 1; i++) Assert.Null(receiver.Add("node-a", split[i]));
        Assert.Equal(file, receiver.Add("node-a", split[^1]));
        Assert.Equal(0, receiver.InProgress);
    }

    [Fact]
    public void Pieces_of_the_same_run_from_two_nodes_do_not_mix()
    {
        var file = File(2 * ResultPieces.PieceSize + 3);
        var split = ResultPieces.Split("s", "r", file);
        var receiver = new ResultPieces();
        Assert.Null(receiver.Add("a", split[0]));
        Assert.Null(receiver.Add("b", split[0]));
        Assert.Null(receiver.Add("a", split[1]));
        Assert.Null(receiver.Add("b", split[1]));
        Assert.Equal(file, receiver.Add("b", split[2]));
        Assert.Equal(file, receiver.Add("a", split[2]));
    }

    [Fact]
    public void A_missing_piece_is_detected()
    {
        var split = ResultPieces.Split("s", "r", File(3 * ResultPieces.PieceSize));
        var receiver = new ResultPieces();
        receiver.Add("a", split[0]);
        var e = Assert.Throws<InvalidDataException>(() => receiver.Add("a", split[2]));
        Assert.Contains("out of order", e.Message);
        Assert.Equal(0, receiver.InProgress);
    }

    [Fact]
    public void A_corrupted_file_is_detected_by_its_hash()
    {
        var piece = ResultPieces.Split("s", "r", File(100))[0];
        var bad = piece.Bytes.ToArray();
        bad[10] ^= 1;
        var e = Assert.Throws<InvalidDataException>(() => new ResultPieces().Add("a", piece with { Bytes = bad }));
        Assert.Contains("SHA-256", e.Message);
    }

    [Fact]
    public void The_unfinished_files_of_a_lost_node_are_dropped()
    {
        var split = ResultPieces.Split("s", "r", File(2 * ResultPieces.PieceSize));
        var receiver = new ResultPieces();
        receiver.Add("lost", split[0]);
        receiver.Add("alive", split[0]);
        receiver.Drop("lost");
        Assert.Equal(1, receiver.InProgress);
        Assert.Throws<InvalidDataException>(() => receiver.Add("lost", split[1]));
    }
}
