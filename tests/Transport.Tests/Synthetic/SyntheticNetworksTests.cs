using MarketSim.Transport.Synthetic;

namespace MarketSim.Transport.Tests.Synthetic;

/// <summary>The benchmark network generator is deterministic and shaped as documented.</summary>
public sealed class SyntheticNetworksTests
{
    [Fact]
    public void The_same_seed_gives_the_same_network_and_another_seed_a_different_one()
    {
        var a = SyntheticNetworks.AccessNetwork(300, 40, 2, seed: 9);
        var b = SyntheticNetworks.AccessNetwork(300, 40, 2, seed: 9);
        var c = SyntheticNetworks.AccessNetwork(300, 40, 2, seed: 10);

        Assert.Equal(a.Counts, b.Counts);
        Assert.Equal(a.Network.PathRtt, b.Network.PathRtt);
        Assert.Equal(a.Network.PathLinks, b.Network.PathLinks);
        Assert.Equal(a.Network.LinkCapacity, b.Network.LinkCapacity);
        Assert.NotEqual(a.Counts, c.Counts);
    }

    [Theory]
    [InlineData(1000, 100, 2)]
    [InlineData(200, 30, 3)]
    public void Every_user_is_a_group_with_the_asked_number_of_single_link_paths_and_a_count_between_half_and_one_and_a_half(
        int users, int links, int paths)
    {
        var synthetic = SyntheticNetworks.AccessNetwork(users, links, paths);
        var net = synthetic.Network;

        Assert.Equal((users, links, users * paths), (net.GroupCount, net.LinkCount, net.PathCount));
        Assert.All(Enumerable.Range(0, users), g => Assert.Equal(paths, net.PathCountOf(new GroupId(g))));
        Assert.All(Enumerable.Range(0, net.PathCount), r => Assert.Equal(1, net.LinksOf(r).Length));
        Assert.All(synthetic.Counts, count => Assert.InRange(count, 0.5, 1.5));
    }

    [Fact]
    public void The_first_path_of_every_user_goes_through_a_3g_cell_in_user_order()
    {
        var net = SyntheticNetworks.AccessNetwork(600, 100).Network;
        var cells = 60;
        var previous = -1;
        for (var g = 0; g < net.GroupCount; g++)
        {
            var cell = net.LinksOf(net.FirstPathOf(new GroupId(g)))[0];
            Assert.InRange(cell, 0, cells - 1);
            Assert.True(cell >= previous);
            previous = cell;
        }
    }

    [Fact]
    public void The_split_mix_generator_reproduces_its_reference_sequence()
    {
        // Reference values of SplitMix64 seeded with 0 (Steele, Lea and Flood; also java.util.SplittableRandom).
        var rng = new SplitMix64(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, rng.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, rng.NextUInt64());
        Assert.Equal(0x06C45D188009454FUL, rng.NextUInt64());
    }
}
