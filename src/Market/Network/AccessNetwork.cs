using System.Runtime.ExceptionServices;
using MarketSim.Market.Providers;
using MarketSim.Transport;
using MarketSim.Transport.Solver;

namespace MarketSim.Market.Network;

/// <summary>
/// The market's access network as flow-level transport problems. Each ISP's cell (hotspot, line aggregation) in a
/// location is a capacity link, followed by its backhaul link when one is configured; a proxy plan adds the seller's
/// proxy transit as a second, disjoint route out of the access network. Users of one (location, portfolio) cell are
/// one transport group: they share every parameter, so in the fluid model they all get the same rates and one group
/// is exact, not an approximation. A group has one path per portfolio path that exists at the location, with the
/// access's RTT and the access's peak rate as a private per-user cap (a proxy's two routes share one radio, so each
/// gets half the peak rate: the engine caps paths one by one, and half each never credits the proxy with more than
/// the radio delivers). Single-path users run Reno, multipath users the run's MPTCP controller (on the device or in
/// the proxy). Activity is handled by the mean field (<see cref="FlowSolver.SolveExpected"/>): a cell with n users puts n * activity active flows on the links,
/// and the reported rate is what a user gets while active. Every cell also carries a tiny marginal group so that
/// portfolios nobody holds yet still have the rate a newcomer would get, which is what a reviewing user weighs.
/// Locations share no link, so each location is its own small network with its own solver: smaller Newton
/// systems, failures confined to one location, and each solve warm-starts from the last tick's.
/// With <see cref="Mobility"/>, a portfolio that uses a hotspot access (WLAN, DSL) next to a 3G one is two groups: the
/// whole portfolio for the time at places with hotspots, and its 3G paths alone for the time elsewhere, each carrying
/// its users' time-weighted presence; the table then holds the time-weighted mix of the two, which is what the users
/// read (so the decision rules need not know about places). A portfolio of hotspot accesses only has no path away from
/// hotspots: no group, no service, for that share of the time.
/// </summary>
public sealed class AccessNetwork
{
    /// <summary>Bits per packet: rates in the transport model are packets/s of 1500-byte packets.</summary>
    public const double BitsPerPacket = 1500 * 8;

    /// <summary>Active users a cell carries on top of its own, so an empty cell still reports a newcomer's rate.</summary>
    public const double MarginalUsers = 1e-6;

    private readonly MarketStructure structure;
    private readonly LocationNetwork[] locations;

    /// <summary>Builds one transport network per location.</summary>
    /// <param name="structure">Geography and catalogue.</param>
    /// <param name="multipathController">Congestion controller of multipath groups; single-path groups run Reno.</param>
    /// <param name="activity">Share of the time a user has a flow active.</param>
    /// <param name="options">Solver options (one thread per location is forced).</param>
    /// <param name="mobility">Where users spend their time; null: always at home with every access of the location.</param>
    public AccessNetwork(MarketStructure structure, Controller multipathController, double activity, SolverOptions? options = null, Mobility? mobility = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(activity);
        this.structure = structure;
        // Each network is small and already runs inside an actor: one thread per solve.
        var solverOptions = (options ?? SolverOptions.Default) with { MaxDegreeOfParallelism = 1 };
        locations = Enumerable.Range(0, structure.Locations).Select(l => new LocationNetwork(structure, l, multipathController, activity, solverOptions, mobility)).ToArray();
    }

    /// <summary>Packets per second for a rate in Mbit/s.</summary>
    public static double ToPackets(double mbps) => mbps * 1e6 / BitsPerPacket;

    /// <summary>Mbit/s for a rate in packets per second.</summary>
    public static double ToMbps(double packetsPerSecond) => packetsPerSecond * BitsPerPacket / 1e6;

    /// <summary>The transport network of one location, for diagnostics and what-if studies.</summary>
    public FlowSolver SolverOf(int location) => locations[location].Solver;

    /// <summary>Solves every location for the users per (location, portfolio) and returns each access's per-user rate.</summary>
    public ThroughputTable Solve(IReadOnlyList<int> cellCounts)
    {
        if (cellCounts.Count != structure.CellCount)
            throw new ArgumentException($"Expected {structure.CellCount} cell counts, got {cellCounts.Count}.", nameof(cellCounts));
        var mbps = new double[structure.CellCount * structure.Catalogue.MaxPaths];
        // Locations are independent networks (each keeps its own warm solver state and writes only its own cells' rates),
        // so they are solved in parallel: the numbers do not depend on the order or the thread. A location that fails
        // (a solve that does not converge) fails the month with its own exception, as a serial loop would.
        try
        {
            Parallel.For(0, locations.Length, l => locations[l].Solve(cellCounts, mbps));
        }
        catch (AggregateException failure)
        {
            ExceptionDispatchInfo.Capture(failure.InnerExceptions[0]).Throw();
            throw;
        }
        return new ThroughputTable(structure, mbps);
    }

    /// <summary>One location: its cells, backhauls and proxy transits as links, its (location, portfolio) cells as groups.</summary>
    private sealed class LocationNetwork
    {
        private readonly MarketStructure structure;
        private readonly int[] cellOfGroup;
        private readonly int[][] slotsOfGroup;   // portfolio path slot of each of the group's transport paths
        private readonly int[] firstPathOfGroup;
        private readonly double[] presence;      // per group: share of its cell's users present in it (1 without mobility)
        private readonly int[] awayGroup;        // per portfolio group: the group of its 3G paths away from hotspots, or -1
        private readonly int[][] awayPositions;  // per portfolio group, per path: position of the path in the away group, or -1
        private readonly int portfolioGroups;    // groups [0, portfolioGroups) are whole portfolios; later ones are away groups
        private readonly double[] groupCounts;
        private readonly double[] groupActivity;
        private readonly double[] activeRates;
        private readonly double[] meanRates;

        public LocationNetwork(MarketStructure structure, int location, Controller multipathController, double activity, SolverOptions options,
            Mobility? mobility)
        {
            this.structure = structure;
            var builder = new FlowNetworkBuilder();
            var cellLink = new Dictionary<int, LinkId>();
            var backhaulLink = new Dictionary<int, LinkId>();
            var transitLink = new Dictionary<int, LinkId>();
            foreach (var p in structure.Providers.OfType<IspSpec>())
            {
                if (!structure.Covers(p.Index, location)) continue;
                cellLink[p.Index] = builder.AddLink(ToPackets(p.CellCapacityMbps));
                if (double.IsFinite(p.BackhaulMbps)) backhaulLink[p.Index] = builder.AddLink(ToPackets(p.BackhaulMbps));
            }
            foreach (var p in structure.Providers)
            {
                var offer = p.Sells;
                if (offer.Routing == OfferRouting.Proxy && structure.Sold(p.Index, location))
                    transitLink[p.Index] = builder.AddLink(ToPackets(offer.ProxyTransitMbps));
            }
            var cells = new List<int>();
            var slots = new List<int[]>();
            var firstPath = new List<int>();
            var groupPresence = new List<double>();
            var away = new List<(int Group, int[] Paths, PathSpec[] Specs)>();
            var paths = 0;
            foreach (var portfolio in structure.Catalogue.All)
            {
                if (portfolio.IsOutside || !portfolio.Providers.All(p => structure.Sold(p, location))) continue;
                var present = Enumerable.Range(0, portfolio.Paths.Count).Where(k => structure.PathExists(location, portfolio, k)).ToArray();
                var groupPaths = present.Select(k =>
                {
                    var path = portfolio.Paths[k];
                    var access = structure.Isp(path.Access);
                    var proxied = structure.Providers[path.Seller].Sells.Routing == OfferRouting.Proxy;
                    LinkId[] links = path.ViaProxyTransit ? [cellLink[path.Access], transitLink[path.Seller]]
                        : backhaulLink.TryGetValue(path.Access, out var backhaul) ? [cellLink[path.Access], backhaul] : [cellLink[path.Access]];
                    var cap = access.PeakRateMbps * (proxied ? 0.5 : 1.0);
                    return new PathSpec(links, access.RttSeconds, 0.0, ToPackets(cap));
                }).ToArray();
                builder.AddGroup(groupPaths.Length > 1 ? multipathController : Controller.Reno, groupPaths);
                var presentShare = 1.0;
                if (mobility is not null)
                {
                    // Positions (in this group's path list) of the paths that also work away from hotspots.
                    var everywhere = Enumerable.Range(0, present.Length)
                        .Where(k => Mobility.ReachesEveryPlace(structure.Isp(portfolio.Paths[present[k]].Access).Technology)).ToArray();
                    if (everywhere.Length < present.Length)
                    {
                        presentShare = mobility.HotspotShare;
                        if (everywhere.Length > 0) away.Add((cells.Count, everywhere, everywhere.Select(k => groupPaths[k]).ToArray()));
                    }
                }
                groupPresence.Add(presentShare);
                cells.Add(structure.Cell(location, portfolio.Index));
                slots.Add(present);
                firstPath.Add(paths);
                paths += groupPaths.Length;
            }
            portfolioGroups = cells.Count;
            awayGroup = Enumerable.Repeat(-1, portfolioGroups).ToArray();
            awayPositions = new int[portfolioGroups][];
            var hotspotShare = mobility?.HotspotShare ?? 1.0;
            foreach (var (group, positions, specs) in away)
            {
                // Away from hotspots the user runs only its 3G paths: Reno on one, the MPTCP controller on two SIMs.
                builder.AddGroup(specs.Length > 1 ? multipathController : Controller.Reno, specs);
                awayGroup[group] = cells.Count;
                awayPositions[group] = Enumerable.Repeat(-1, slots[group].Length).ToArray();
                for (var k = 0; k < positions.Length; k++) awayPositions[group][positions[k]] = k;
                groupPresence.Add(1 - hotspotShare);
                cells.Add(cells[group]);
                slots.Add(positions.Select(k => slots[group][k]).ToArray());
                firstPath.Add(paths);
                paths += specs.Length;
            }
            cellOfGroup = cells.ToArray();
            slotsOfGroup = slots.ToArray();
            firstPathOfGroup = firstPath.ToArray();
            presence = groupPresence.ToArray();
            groupCounts = new double[cells.Count];
            groupActivity = Enumerable.Repeat(activity, cells.Count).ToArray();
            activeRates = new double[paths];
            meanRates = new double[paths];
            Solver = new FlowSolver(builder.Build(), options);
        }

        public FlowSolver Solver { get; }

        public void Solve(IReadOnlyList<int> cellCounts, double[] mbps)
        {
            if (groupCounts.Length == 0) return;
            // Presence is 1 for every group without mobility: the counts are the cell counts, exactly as before.
            for (var g = 0; g < groupCounts.Length; g++) groupCounts[g] = presence[g] == 1 ? cellCounts[cellOfGroup[g]] : cellCounts[cellOfGroup[g]] * presence[g];
            // The mean field of the transport engine; the market weighs the rate while active, not the mean.
            Solver.SolveExpected(groupCounts, groupActivity, activeRates, meanRates, MarginalUsers);
            var width = structure.Catalogue.MaxPaths;
            for (var g = 0; g < portfolioGroups; g++)
            {
                var groupSlots = slotsOfGroup[g];
                for (var k = 0; k < groupSlots.Length; k++)
                    mbps[cellOfGroup[g] * width + groupSlots[k]] = presence[g] == 1 ? ToMbps(activeRates[firstPathOfGroup[g] + k]) : MixedMbps(g, k);
            }
        }

        /// <summary>Path k of portfolio group g valued over the places: its rate at hotspots for the time there, its rate
        /// in the away group (0 for a hotspot path, or with no 3G path at all) for the rest.</summary>
        private double MixedMbps(int g, int k)
        {
            var atHotspots = presence[g] * ToMbps(activeRates[firstPathOfGroup[g] + k]);
            var away = awayGroup[g];
            if (away < 0 || awayPositions[g][k] < 0) return atHotspots;
            return atHotspots + presence[away] * ToMbps(activeRates[firstPathOfGroup[away] + awayPositions[g][k]]);
        }
    }
}
