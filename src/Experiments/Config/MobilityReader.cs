using System.Globalization;
using MarketSim.Market.Network;

namespace MarketSim.Experiments.Config;

/// <summary>
/// Reads `users.mobility`: the places users spend their time at, each with its `name`, its `time_share` and whether
/// hotspots are within reach there (`wlan: true | false`). Absent: users stay at home with every access of their
/// location, as before the key existed.
/// </summary>
public static partial class ExperimentReader
{
    /// <summary>How far the time shares may sum from 1: room for decimal fractions such as 0.1 + 0.2 + 0.7, not for a mistake
    /// (the sum is printed to 12 digits, so 0.6 + 0.3 reads 0.9).</summary>
    private const double TimeShareTolerance = 1e-9;

    /// <summary>The mobility of the `users` section <paramref name="users"/>, or null when it has none.</summary>
    private static Mobility? ReadMobility(YamlSection users)
    {
        var s = users.OptionalSection("mobility");
        if (s is null) return null;
        var places = new List<Place>();
        foreach (var section in s.Sections("places"))
        {
            var name = section.Text("name");
            if (places.Any(p => p.Name == name))
                throw section.Error("name", $"'{Printable(name)}' names two places; accepted: a different name for every place");
            places.Add(new Place(name, section.Number("time_share", Bounds.Unit), section.Choice("wlan", ["true", "false"]) == "true"));
            section.RejectUnknownKeys();
        }
        var total = places.Sum(p => p.TimeShare);
        if (Math.Abs(total - 1) > TimeShareTolerance)
            throw s.Error("places", $"the time shares sum to {total.ToString("G12", CultureInfo.InvariantCulture)}; accepted: time shares that sum to 1");
        s.RejectUnknownKeys();
        return new Mobility(places);
    }
}
