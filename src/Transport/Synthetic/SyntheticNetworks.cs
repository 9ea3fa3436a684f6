namespace MarketSim.Transport.Synthetic;

/// <summary>
/// Deterministic synthetic networks for benchmarks and property tests. Same arguments, same network,
/// on every machine and .NET version (<see cref="SplitMix64"/>).
/// </summary>
public static class SyntheticNetworks
{
    /// <summary>
    /// A wireless access network: 60% of the links are 3G cells, 40% WLAN hotspots each lying inside a cell.
    /// Users are spread evenly over the cells (and numbered cell by cell). Each user is one group with its own
    /// RTTs, losses and caps: its first path goes through its cell (RTT 60-200 ms, radio loss up to 1e-3);
    /// its second, for 80% of users, through a hotspot of that cell (RTT 10-50 ms, 40% of them behind a
    /// DSL-like access cap of 50-500 packets/s), otherwise through a second operator's cell (a second SIM).
    /// Further paths go through other cells. Capacities scale with the subflows per link so per-user rates
    /// stay at tens of packets/s, and some links are left unsaturated by the caps.
    /// Controller mix: 35% LIA, 25% OLIA, 15% Reno, 10% BALIA, 10% coupled, 5% EWTCP.
    /// </summary>
    /// <param name="users">Number of users (groups), &gt;= 1.</param>
    /// <param name="links">Number of links, &gt;= 2.</param>
    /// <param name="pathsPerUser">Subflows per user, &gt;= 1.</param>
    /// <param name="seed">Generator seed.</param>
    /// <returns>The network with counts in [0.5, 1.5] (fractional users: activity-weighted).</returns>
    public static SyntheticNetwork AccessNetwork(int users, int links, int pathsPerUser = 2, ulong seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(users, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(links, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(pathsPerUser, 1);

        var rng = new SplitMix64(seed);
        var builder = new FlowNetworkBuilder();
        var cells = Math.Max(1, links * 3 / 5);
        var hotspots = links - cells;
        var subflowsPerLink = Math.Max(1.0, (double)users * pathsPerUser / links);
        for (var c = 0; c < cells; c++)
        {
            builder.AddLink(subflowsPerLink * rng.NextDouble(100, 400));
        }

        for (var h = 0; h < hotspots; h++)
        {
            builder.AddLink(subflowsPerLink * rng.NextDouble(200, 800));
        }

        var counts = new double[users];
        var paths = new PathSpec[pathsPerUser];
        for (var u = 0; u < users; u++)
        {
            var cell = (int)((long)u * cells / users);
            paths[0] = PathSpec.Through(rng.NextDouble(0.06, 0.2), new LinkId(cell))
                .WithFixedLoss(rng.NextDouble(0, 1e-3));
            if (pathsPerUser > 1)
            {
                paths[1] = SecondPath(ref rng, cell, cells, hotspots);
            }

            for (var k = 2; k < pathsPerUser; k++)
            {
                var other = (cell + 1 + rng.NextInt(Math.Max(1, cells - 1))) % cells;
                paths[k] = PathSpec.Through(rng.NextDouble(0.06, 0.2), new LinkId(other));
            }

            builder.AddGroup(PickController(ref rng), paths);
            counts[u] = rng.NextDouble(0.5, 1.5);
        }

        return new SyntheticNetwork(builder.Build(), counts);
    }

    private static PathSpec SecondPath(ref SplitMix64 rng, int cell, int cells, int hotspots)
    {
        // Hotspot h lies in cell h % cells; the hotspots of this cell are cell, cell + cells, ...
        var inCell = hotspots > cell ? (hotspots - 1 - cell) / cells + 1 : 0;
        if (inCell > 0 && rng.NextDouble() < 0.8)
        {
            var hotspot = cells + cell + cells * rng.NextInt(inCell);
            var path = PathSpec.Through(rng.NextDouble(0.01, 0.05), new LinkId(hotspot));
            return rng.NextDouble() < 0.4 ? path.WithAccessCap(rng.NextDouble(50, 500)) : path;
        }

        var otherOperator = (cell + cells / 2 + 1) % cells;
        return PathSpec.Through(rng.NextDouble(0.06, 0.2), new LinkId(otherOperator)).WithFixedLoss(rng.NextDouble(0, 1e-3));
    }

    private static Controller PickController(ref SplitMix64 rng)
    {
        var u = rng.NextDouble();
        return u switch
        {
            < 0.35 => Controller.Lia,
            < 0.60 => Controller.Olia,
            < 0.75 => Controller.Reno,
            < 0.85 => Controller.Balia,
            < 0.95 => Controller.Coupled,
            _ => Controller.Ewtcp,
        };
    }
}
