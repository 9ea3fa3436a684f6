using MarketSim.Experiments.Config;
using MarketSim.Market.Network;

namespace MarketSim.Experiments.Tests;

/// <summary>`users.mobility`: read when set, off when absent, every bad value named with file, line, key and range.</summary>
public class MobilityKeysReaderTests
{
    private static string WithUsers(string lines) => KeyReader.WithUsers(lines);

    private static string Places(params string[] places) => "  mobility:\n    places:\n" + string.Concat(places.Select(p => $"      - {{ {p} }}\n")).TrimEnd('\n');

    [Fact]
    public void Without_the_section_users_stay_at_home()
        => Assert.Null(ExperimentReader.Load(Repository.File("experiments/baseline.yaml")).Market.Population.Mobility);

    [Fact]
    public void Places_are_read_in_file_order()
    {
        var text = WithUsers(Places("name: home, time_share: 0.55, wlan: true", "name: work, time_share: 0.25, wlan: true", "name: move, time_share: 0.2, wlan: false"));
        var mobility = ExperimentReader.Load(TestFiles.Write(text)).Market.Population.Mobility;
        Assert.Equal(new Mobility([new Place("home", 0.55, true), new Place("work", 0.25, true), new Place("move", 0.2, false)]), mobility);
        Assert.Equal(0.8, mobility!.HotspotShare, 12);
    }

    [Theory]
    [InlineData("name: home, time_share: 1.2, wlan: true", "users.mobility.places[0].time_share", "1.2", "[0, 1]")]
    [InlineData("name: home, time_share: 1, wlan: maybe", "users.mobility.places[0].wlan", "maybe", "true, false")]
    [InlineData("name: home, time_share: 1", "users.mobility.places[0].wlan", "missing required key", "users.mobility.places[0].wlan")]
    [InlineData("time_share: 1, wlan: true", "users.mobility.places[0].name", "missing required key", "users.mobility.places[0].name")]
    [InlineData("name: home, time_share: 1, wlan: true, speed: 3", "users.mobility.places[0].speed", "unknown key", "time_share")]
    [InlineData("name: home, time_share: 0.5, wlan: true", "users.mobility.places", "sum to 0.5", "time shares that sum to 1")]
    public void A_bad_place_names_the_key_value_and_range(string place, string key, string value, string accepted)
        => AssertRejected(WithUsers(Places(place)), key, value, accepted);

    [Fact]
    public void Two_places_of_one_name_are_rejected()
        => AssertRejected(WithUsers(Places("name: home, time_share: 0.5, wlan: true", "name: home, time_share: 0.5, wlan: false")),
            "users.mobility.places[1].name", "'home' names two places", "a different name for every place");

    [Fact]
    public void An_empty_list_of_places_is_rejected()
        => AssertRejected(WithUsers("  mobility:\n    places: []"), "users.mobility.places", "the list is empty", "at least one entry");

    private static void AssertRejected(string text, string key, string value, string accepted)
        => KeyReader.AssertRejected(text, key, value, accepted);
}
