using MarketSim.Market.Providers;
using MarketSim.Market.Randomness;

namespace MarketSim.Market.Pricing;

/// <summary>
/// The pricing decisions of one run that use the <see cref="DemandOracle"/>: best responses of firms, the joint-profit
/// fees of the providers that follow the joint rule, a Nash equilibrium of the providers that follow the Nash rule, and
/// the epsilon-Nash check. Shared by the run's provider actors: members of one firm (and every joint or Nash provider)
/// need the same answer, so each is computed once per month and cached. Thread-safe; results do not depend on which
/// provider asks first.
/// </summary>
public sealed class OraclePricing
{
    private readonly object gate = new();
    private readonly Dictionary<(int Tick, string Kind, int Firm), double[]> cache = [];
    private readonly Lazy<DemandOracle> oracle;

    /// <summary>Pricing for the run of <paramref name="market"/> with <paramref name="seed"/>; the users are drawn when first needed.</summary>
    public OraclePricing(MarketSpec market, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(market);
        Market = market;
        oracle = new Lazy<DemandOracle>(() =>
        {
            var structure = market.BuildStructure();
            return new DemandOracle(structure, market.Population, DemandPopulation.Draw(structure, market.Population, new CounterRandom(seed)));
        });
    }

    /// <summary>The run's market.</summary>
    public MarketSpec Market { get; }

    /// <summary>The run's demand oracle.</summary>
    public DemandOracle Oracle => oracle.Value;

    /// <summary>Largest residual profit gain of any Nash firm at the last solved equilibrium, by month (what a run reports).</summary>
    public IReadOnlyDictionary<int, double> NashResiduals => nashResiduals;

    private readonly Dictionary<int, double> nashResiduals = [];

    /// <summary>The fees of <paramref name="provider"/>'s firm that maximise the firm's expected profit, rivals' fees held:
    /// the firm's members whose rule is <see cref="PricingRule.BestResponse"/> move together; others stay.</summary>
    public double[] BestResponse(int provider, int tick, ThroughputTable throughput, IReadOnlyList<double> fees)
    {
        var providers = Market.Providers;
        var firm = Firms.RootOf(providers, provider);
        return Cached((tick, "best_response", firm), () =>
        {
            var variables = Firms.MembersOf(providers, provider).Where(p => providers[p].Pricing is PricingRule.BestResponse).ToArray();
            return Remembered(("best_response", firm), variables, fees, start => Maximise(start, variables, Firms.MembersOf(providers, provider), tick, throughput));
        });
    }

    /// <summary>The fees of every provider following <see cref="PricingRule.JointBestResponse"/> that maximise their firms' joint profit.</summary>
    public double[] JointBestResponse(int tick, ThroughputTable throughput, IReadOnlyList<double> fees)
        => Cached((tick, "joint", -1), () =>
        {
            var providers = Market.Providers;
            var variables = providers.Where(p => p.Pricing is PricingRule.JointBestResponse).Select(p => p.Index).ToArray();
            var members = variables.SelectMany(v => Firms.MembersOf(providers, v)).Distinct().Order().ToArray();
            return Remembered(("joint", -1), variables, fees, start => Maximise(start, variables, members, tick, throughput));
        });

    /// <summary>
    /// Fees at which no firm following <see cref="PricingRule.Nash"/> gains by changing its own fees (others' held), by
    /// Gauss-Seidel iteration of best responses from <paramref name="fees"/>; providers on other rules keep their fees.
    /// The largest gain left is recorded in <see cref="NashResiduals"/>.
    /// </summary>
    public double[] Nash(int tick, ThroughputTable throughput, IReadOnlyList<double> fees)
        => Cached((tick, "nash", -1), () =>
        {
            var providers = Market.Providers;
            var firms = providers.Where(p => p.Pricing is PricingRule.Nash).Select(p => Firms.RootOf(providers, p.Index)).Distinct().Order().ToArray();
            var x = fees.ToArray();
            for (var iteration = 0; iteration < 100; iteration++)
            {
                double moved = 0;
                foreach (var firm in firms)
                {
                    var members = Firms.MembersOf(providers, firm);
                    var variables = members.Where(p => providers[p].Pricing is PricingRule.Nash).ToArray();
                    var next = Maximise(x, variables, members, tick, throughput);
                    foreach (var v in variables) moved = Math.Max(moved, Math.Abs(next[v] - x[v]) / (1 + Math.Abs(x[v])));
                    x = next;
                }
                if (moved < 1e-6) break;
            }
            double residual = 0;
            var current = Oracle.Evaluate(tick, throughput, x);
            foreach (var firm in firms)
            {
                var members = Firms.MembersOf(providers, firm);
                var variables = members.Where(p => providers[p].Pricing is PricingRule.Nash).ToArray();
                var best = Oracle.Evaluate(tick, throughput, Maximise(x, variables, members, tick, throughput));
                residual = Math.Max(residual, members.Sum(m => best[m].Profit) - members.Sum(m => current[m].Profit));
            }
            nashResiduals[tick] = residual;
            return x;
        });

    /// <summary>The epsilon-Nash check of a month's fees: for each provider, the largest gain of its firm's expected
    /// profit from moving its own fee alone, over a grid of <see cref="EquilibriumCheck.GridPoints"/> fees from half to
    /// twice its fee (within its rule's bounds), refined by the fee search from the grid's best point (so a gain between
    /// grid points is found too).</summary>
    public EquilibriumCheck Check(int tick, ThroughputTable throughput, IReadOnlyList<double> fees)
    {
        var providers = Market.Providers;
        var gains = new double[providers.Count];
        var bestFees = new double[providers.Count];
        for (var p = 0; p < providers.Count; p++)
        {
            var (lower, upper) = Bounds(providers[p].Pricing);
            var fee = fees[p];
            double from = Math.Max(lower, 0.5 * fee), to = Math.Min(upper, Math.Max(2 * fee, from));
            var candidates = new List<IReadOnlyList<double>> { fees };
            for (var g = 0; g < EquilibriumCheck.GridPoints; g++)
            {
                var x = fees.ToArray();
                x[p] = from + (to - from) * g / (EquilibriumCheck.GridPoints - 1);
                candidates.Add(x);
            }
            var members = Firms.MembersOf(providers, p);
            var outcomes = Oracle.Evaluate(tick, throughput, candidates);
            var profits = outcomes.Select(o => members.Sum(m => o[m].Profit)).ToArray();
            var best = Array.IndexOf(profits, profits.Max());
            var lowerAll = providers.Select(q => q.Index == p ? from : fees[q.Index]).ToArray();
            var upperAll = providers.Select(q => q.Index == p ? to : fees[q.Index]).ToArray();
            var refined = FeeSearch.Maximise(candidates[best], [p], lowerAll, upperAll, batch =>
                Oracle.Evaluate(tick, throughput, batch).Select(o => members.Sum(m => o[m].Profit)).ToArray());
            var refinedProfit = members.Sum(m => Oracle.Evaluate(tick, throughput, refined)[m].Profit);
            var bestProfit = Math.Max(profits[best], refinedProfit);
            gains[p] = Math.Max(0, bestProfit - profits[0]);
            bestFees[p] = gains[p] == 0 ? fee : refinedProfit >= profits[best] ? refined[p] : candidates[best][p];
        }
        return new EquilibriumCheck(tick, gains, bestFees);
    }

    /// <summary>Fee bounds of a rule: its min and max price, [0, infinity) for rules without them.</summary>
    public static (double Lower, double Upper) Bounds(PricingRule rule) => rule switch
    {
        PricingRule.BestResponse r => (r.MinPrice, r.MaxPrice),
        PricingRule.JointBestResponse r => (r.MinPrice, r.MaxPrice),
        PricingRule.Nash r => (r.MinPrice, r.MaxPrice),
        PricingRule.Markup r => (r.MinPrice, r.MaxPrice),
        PricingRule.JointMarkup r => (r.MinPrice, r.MaxPrice),
        PricingRule.QLearning r => (r.MinPrice, r.MaxPrice),
        _ => (0, double.PositiveInfinity),
    };

    private double[] Maximise(IReadOnlyList<double> fees, IReadOnlyList<int> variables, IReadOnlyList<int> payees, int tick, ThroughputTable throughput)
    {
        var providers = Market.Providers;
        var lower = providers.Select(p => Bounds(p.Pricing).Lower).ToArray();
        var upper = providers.Select(p => Bounds(p.Pricing).Upper).ToArray();
        return FeeSearch.Maximise(fees, variables, lower, upper, candidates =>
            Oracle.Evaluate(tick, throughput, candidates).Select(outcome => payees.Sum(p => outcome[p].Profit)).ToArray());
    }

    /// <summary>
    /// Searches from last month's answer for the same firm (its <paramref name="variables"/>; everything else at
    /// <paramref name="fees"/>): with partial adjustment a provider's fee trails its target for months, and the target
    /// moves little from one month to the next, so Newton starts next to it. The answer does not depend on the start
    /// beyond the search's tolerance.
    /// </summary>
    private double[] Remembered((string Kind, int Firm) key, IReadOnlyList<int> variables, IReadOnlyList<double> fees, Func<double[], double[]> search)
    {
        var start = fees.ToArray();
        if (lastAnswers.TryGetValue(key, out var last))
        {
            foreach (var v in variables)
            {
                var (lower, upper) = Bounds(Market.Providers[v].Pricing);
                start[v] = Math.Clamp(last[v], lower, upper);
            }
        }
        var answer = search(start);
        lastAnswers[key] = answer;
        return answer;
    }

    private readonly Dictionary<(string Kind, int Firm), double[]> lastAnswers = [];

    private double[] Cached((int Tick, string Kind, int Firm) key, Func<double[]> compute)
    {
        lock (gate)
        {
            if (cache.TryGetValue(key, out var known)) return known;
            // Keep only the month being priced: every provider asks within one month.
            foreach (var old in cache.Keys.Where(k => k.Tick != key.Tick).ToArray()) cache.Remove(old);
            var result = compute();
            cache[key] = result;
            return result;
        }
    }
}
