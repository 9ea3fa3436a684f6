namespace MarketSim.Transport.Tests;

/// <summary>Bad topology is rejected where it is added, with a message naming what is wrong.</summary>
public sealed class FlowNetworkBuilderValidationTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(-5.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_link_needs_a_finite_positive_capacity(double capacity)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new FlowNetworkBuilder().AddLink(capacity));
        Assert.Contains("capacity must be finite and > 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_loss_link_needs_a_buffer_of_at_least_one_packet()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new FlowNetworkBuilder().AddLink(100, LinkModel.LossMM1K, 0));
        Assert.Contains("buffer K must be >= 1", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, PathSpec> BadPaths() => new()
    {
        { "unknown link 7", PathSpec.Through(0.1, new LinkId(7)) },
        { "unknown link -1", PathSpec.Through(0.1, new LinkId(-1)) },
        { "rtt must be finite and > 0", PathSpec.Through(0.0, new LinkId(0)) },
        { "rtt must be finite and > 0", PathSpec.Through(-0.1, new LinkId(0)) },
        { "fixed loss must be in [0, 1)", PathSpec.Through(0.1, new LinkId(0)).WithFixedLoss(1.0) },
        { "fixed loss must be in [0, 1)", PathSpec.Through(0.1, new LinkId(0)).WithFixedLoss(-0.01) },
        { "access cap must be > 0", PathSpec.Through(0.1, new LinkId(0)).WithAccessCap(0) },
        { "the path has no bound", new PathSpec([], 0.1, 0, double.PositiveInfinity) },
        { "link 0 is listed twice", PathSpec.Through(0.1, new LinkId(0), new LinkId(0)) },
    };

    [Theory]
    [MemberData(nameof(BadPaths))]
    public void A_bad_path_is_rejected_with_a_message_naming_the_group_path_and_problem(string problem, PathSpec path)
    {
        var builder = new FlowNetworkBuilder();
        builder.AddLink(1000);

        var error = Assert.Throws<ArgumentException>(() => builder.AddGroup(Controller.Reno, path));

        Assert.Contains("Group 0, path 0", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_needs_at_least_one_path()
    {
        var error = Assert.Throws<ArgumentException>(() => new FlowNetworkBuilder().AddGroup(Controller.Lia));
        Assert.Contains("at least one path", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1e-3, double.PositiveInfinity)]
    [InlineData(0.0, 500.0)]
    public void An_open_loop_path_is_bounded_by_a_fixed_loss_or_an_access_cap(double loss, double cap)
    {
        var builder = new FlowNetworkBuilder();
        var group = builder.AddGroup(Controller.Reno, new PathSpec([], 0.1, loss, cap));
        Assert.Equal(1, builder.Build().PathCountOf(group));
    }

    [Fact]
    public void Ids_count_up_from_zero_in_creation_order_and_paths_are_numbered_group_by_group()
    {
        var builder = new FlowNetworkBuilder();
        var a = builder.AddLink(100);
        var b = builder.AddLink(200);
        var g0 = builder.AddGroup(Controller.Lia, PathSpec.Through(0.1, a), PathSpec.Through(0.2, b));
        var g1 = builder.AddGroup(Controller.Reno, PathSpec.Through(0.3, a, b));
        var net = builder.Build();

        Assert.Equal((0, 1, 0, 1), (a.Value, b.Value, g0.Value, g1.Value));
        Assert.Equal((0, 2, 2, 1), (net.FirstPathOf(g0), net.PathCountOf(g0), net.FirstPathOf(g1), net.PathCountOf(g1)));
        Assert.Equal([0, 1], net.LinksOf(2).ToArray());
        Assert.Equal(0.3, net.RttOf(2));
    }
}
