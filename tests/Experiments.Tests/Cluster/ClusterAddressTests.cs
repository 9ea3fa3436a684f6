using MarketSim.Cluster;
using MarketSim.Reports.Results;

namespace MarketSim.Experiments.Tests.Cluster;

public class ClusterAddressTests
{
    [Theory]
    [InlineData("127.0.0.1:4053", "127.0.0.1", 4053, "akka.tcp://marketsim@127.0.0.1:4053")]
    [InlineData(" localhost:1 ", "localhost", 1, "akka.tcp://marketsim@localhost:1")]
    [InlineData("10.1.2.3:65535", "10.1.2.3", 65535, "akka.tcp://marketsim@10.1.2.3:65535")]
    [InlineData("[::1]:4053", "::1", 4053, "akka.tcp://marketsim@[::1]:4053")]
    public void Host_and_port_are_read_from_HOST_PORT(string text, string host, int port, string akka)
    {
        var address = ClusterAddress.Parse(text, "--cluster");
        Assert.Equal(new ClusterAddress(host, port), address);
        Assert.Equal(akka, address.ToAkkaAddress("marketsim"));
    }

    [Theory]
    [InlineData("4053", "expected HOST:PORT")]
    [InlineData("127.0.0.1", "expected HOST:PORT")]
    [InlineData("127.0.0.1:", "expected HOST:PORT")]
    [InlineData(":4053", "expected HOST:PORT")]
    [InlineData("127.0.0.1:0", "[1, 65535]")]
    [InlineData("127.0.0.1:70000", "[1, 65535]")]
    [InlineData("127.0.0.1:-1", "[1, 65535]")]
    [InlineData("127.0.0.1:40x", "[1, 65535]")]
    [InlineData("::1:4053", "in brackets")]
    [InlineData("akka.tcp://marketsim@127.0.0.1:4053", "not a host name")]
    public void A_bad_address_is_bad_input_naming_the_option(string text, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => ClusterAddress.Parse(text, "--seed-node"));
        Assert.Equal("--seed-node", e.Key);
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.0.0.2", true)]
    [InlineData("localhost", true)]
    [InlineData("::1", true)]
    [InlineData("10.0.0.5", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("example.org", false)]
    public void Loopback_addresses_are_recognised(string host, bool loopback) => Assert.Equal(loopback, ClusterAddress.IsLoopback(host));

    [Fact]
    public void A_worker_cannot_listen_on_every_interface_because_it_must_give_the_coordinator_one_address()
    {
        Assert.Equal("0.0.0.0", ClusterAddress.ParseHost("0.0.0.0", "--bind", anyAllowed: true));
        var e = Assert.Throws<ConfigException>(() => ClusterAddress.ParseHost("0.0.0.0", "--bind", anyAllowed: false));
        Assert.Contains("concrete address", e.Message);
        Assert.Throws<ConfigException>(() => ClusterAddress.ParseHost("a b", "--bind", anyAllowed: true));
    }
}
