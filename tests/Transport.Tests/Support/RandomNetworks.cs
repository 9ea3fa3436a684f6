using MarketSim.Transport.Synthetic;

namespace MarketSim.Transport.Tests.Support;

/// <summary>Small random networks for property tests: every controller, multi-link paths, caps, loss links.</summary>
internal static class RandomNetworks
{
    public static (FlowNetwork Network, double[] Counts) Create(ulong seed, bool withLossLinks = true)
    {
        var rng = new SplitMix64(seed);
        var builder = new FlowNetworkBuilder();
        var links = 2 + rng.NextInt(9);
        for (var l = 0; l < links; l++)
        {
            var lossy = withLossLinks && rng.NextDouble() < 0.25;
            // Capacities log-uniform over 1e3..1e5 packets/s, so losses span realistic 1e-5..1e-1.
            var capacity = Math.Exp(rng.NextDouble(Math.Log(1e3), Math.Log(1e5)));
            builder.AddLink(capacity, lossy ? LinkModel.LossMM1K : LinkModel.Capacity, 20 + rng.NextInt(200));
        }

        var groups = 1 + rng.NextInt(12);
        var counts = new double[groups];
        var controllers = Enum.GetValues<Controller>();
        for (var g = 0; g < groups; g++)
        {
            var paths = new PathSpec[1 + rng.NextInt(3)];
            for (var r = 0; r < paths.Length; r++)
            {
                paths[r] = RandomPath(ref rng, links);
            }

            builder.AddGroup(controllers[rng.NextInt(controllers.Length)], paths);
            counts[g] = rng.NextDouble() < 0.1 ? 1e-9 : rng.NextDouble(0.5, 20);
        }

        return (builder.Build(), counts);
    }

    private static PathSpec RandomPath(ref SplitMix64 rng, int links)
    {
        var hops = rng.NextInt(4); // 0..3 links; an open-loop path gets a fixed loss below
        var chosen = new List<LinkId>();
        for (var h = 0; h < hops; h++)
        {
            var link = new LinkId(rng.NextInt(links));
            if (!chosen.Contains(link))
            {
                chosen.Add(link);
            }
        }

        var path = new PathSpec([.. chosen], rng.NextDouble(0.005, 0.3), 0, double.PositiveInfinity);
        if (chosen.Count == 0 || rng.NextDouble() < 0.3)
        {
            path = path.WithFixedLoss(rng.NextDouble(1e-5, 0.02));
        }

        if (rng.NextDouble() < 0.25)
        {
            path = path.WithAccessCap(Math.Exp(rng.NextDouble(Math.Log(50), Math.Log(5000))));
        }

        return path;
    }
}
