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
    /// the firm's members whose rule is <see cref="PricingRule.BestResponse"/> move together; others stay. Every firm's
    /// best response of the month is computed at the first request, the searches in lockstep (one sweep over the users
    /// per step for all firms; each firm's answer is the one its search finds alone).</summary>
    public double[] BestResponse(int provider, int tick, ThroughputTable throughput, IReadOnlyList<double> fees)
    {
        var providers = Market.Providers;
        var firm = Firms.RootOf(providers, provider);
        lock (gate)
        {
            if (cache.TryGetValue((tick, "best_response", firm), out var known)) return known;
            var firms = providers.Where(p => p.Pricing is PricingRule.BestResponse).Select(p => Firms.RootOf(providers, p.Index)).Append(firm)
                .Distinct().Order().ToArray();
            var variables = firms.Select(f => Firms.MembersOf(providers, f).Where(p => providers[p].Pricing is PricingRule.BestResponse).ToArray()).ToArray();
            var starts = firms.Select((f, i) => RememberedStart(("best_response", f), variables[i], fees)).ToArray();
            var answers = MaximiseEach(starts, variables, firms.Select(f => Firms.MembersOf(providers, f)).ToArray(), tick, throughput);
            Forget(tick);
            for (var i = 0; i < firms.Length; i++)
            {
                lastAnswers[("best_response", firms[i])] = answers[i];
                cache[(tick, "best_response", firms[i])] = answers[i];
            }
            return cache[(tick, "best_response", firm)];
        }
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
            // The residual: every firm's best response to the fees found, searched in lockstep, against staying.
            var firmMembers = firms.Select(f => Firms.MembersOf(providers, f)).ToArray();
            var firmVariables = firmMembers.Select(m => m.Where(p => providers[p].Pricing is PricingRule.Nash).ToArray()).ToArray();
            var best = MaximiseEach(firms.Select(_ => x).ToArray(), firmVariables, firmMembers, tick, throughput);
            var compared = new List<IReadOnlyList<double>> { x };
            compared.AddRange(best);
            var outcomes = Oracle.Evaluate(tick, throughput, compared);
            double residual = 0;
            for (var i = 0; i < firms.Length; i++)
                residual = Math.Max(residual, firmMembers[i].Sum(m => outcomes[i + 1][m].Profit) - firmMembers[i].Sum(m => outcomes[0][m].Profit));
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
        var count = providers.Count;
        var gains = new double[count];
        var bestFees = new double[count];
        // Every provider's grid in one sweep over the users (candidate 0: the fees as they are), then every provider's
        // refinement from its grid's best point in lockstep, then every refined vector in one more sweep: a candidate's
        // value does not depend on the others it is evaluated with, so this is each provider's check done alone.
        var members = providers.Select(p => Firms.MembersOf(providers, p.Index)).ToArray();
        var lower = new double[count][];
        var upper = new double[count][];
        var candidates = new List<IReadOnlyList<double>> { fees };
        for (var p = 0; p < count; p++)
        {
            var (low, high) = Bounds(providers[p].Pricing);
            double from = Math.Max(low, 0.5 * fees[p]), to = Math.Min(high, Math.Max(2 * fees[p], from));
            for (var g = 0; g < EquilibriumCheck.GridPoints; g++)
            {
                var x = fees.ToArray();
                x[p] = from + (to - from) * g / (EquilibriumCheck.GridPoints - 1);
                candidates.Add(x);
            }
            lower[p] = providers.Select(q => q.Index == p ? from : fees[q.Index]).ToArray();
            upper[p] = providers.Select(q => q.Index == p ? to : fees[q.Index]).ToArray();
        }
        var outcomes = Oracle.Evaluate(tick, throughput, candidates);
        var gridBest = new IReadOnlyList<double>[count];
        var gridProfit = new double[count];
        var stay = new double[count];
        for (var p = 0; p < count; p++)
        {
            // The provider's own list as a check of it alone would see it: the fees as they are, then its grid.
            var own = new[] { 0 }.Concat(Enumerable.Range(1 + p * EquilibriumCheck.GridPoints, EquilibriumCheck.GridPoints)).ToArray();
            var profits = own.Select(c => members[p].Sum(m => outcomes[c][m].Profit)).ToArray();
            var best = Array.IndexOf(profits, profits.Max());
            gridBest[p] = candidates[own[best]];
            gridProfit[p] = profits[best];
            stay[p] = profits[0];
        }
        var problems = Enumerable.Range(0, count).Select(p => new FeeSearch.Problem(gridBest[p], [p], lower[p], upper[p])).ToArray();
        var refined = FeeSearch.MaximiseAll(problems, batch => Outcomes(batch, members, tick, throughput), Oracle.HasSlopes);
        var refinedOutcomes = Oracle.Evaluate(tick, throughput, refined);
        for (var p = 0; p < count; p++)
        {
            var refinedProfit = members[p].Sum(m => refinedOutcomes[p][m].Profit);
            var bestProfit = Math.Max(gridProfit[p], refinedProfit);
            gains[p] = Math.Max(0, bestProfit - stay[p]);
            bestFees[p] = gains[p] == 0 ? fees[p] : refinedProfit >= gridProfit[p] ? refined[p][p] : gridBest[p][p];
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
        => MaximiseEach([fees.ToArray()], [variables.ToArray()], [payees], tick, throughput)[0];

    /// <summary>
    /// Firms' searches, each over its own <paramref name="variables"/> from its own start for the profit of its
    /// <paramref name="payees"/>, in lockstep: one sweep over the users per step for all of them.
    /// </summary>
    private double[][] MaximiseEach(IReadOnlyList<double[]> starts, IReadOnlyList<int[]> variables, IReadOnlyList<IReadOnlyList<int>> payees, int tick,
        ThroughputTable throughput)
    {
        var providers = Market.Providers;
        var lower = providers.Select(p => Bounds(p.Pricing).Lower).ToArray();
        var upper = providers.Select(p => Bounds(p.Pricing).Upper).ToArray();
        var problems = starts.Select((start, i) => new FeeSearch.Problem(start, variables[i], lower, upper)).ToArray();
        return FeeSearch.MaximiseAll(problems, batch => Outcomes(batch, payees, tick, throughput), Oracle.HasSlopes);
    }

    /// <summary>
    /// The payees' summed profit at each probe: probes with a direction (Newton steps) get its slope and curvature from the
    /// oracle's analytic derivatives, one pass over the users for all of them; plain probes (grids) one more pass.
    /// </summary>
    private FeeSearch.Outcome[] Outcomes(IReadOnlyList<FeeSearch.Probe> batch, IReadOnlyList<IReadOnlyList<int>> payees, int tick, ThroughputTable throughput)
    {
        var result = new FeeSearch.Outcome[batch.Count];
        var directed = Enumerable.Range(0, batch.Count).Where(g => batch[g].Along is not null).ToArray();
        var plain = Enumerable.Range(0, batch.Count).Where(g => batch[g].Along is null).ToArray();
        if (directed.Length > 0)
        {
            var count = Market.Providers.Count;
            var directions = directed.Select(g => (IReadOnlyList<double>)Enumerable.Range(0, count).Select(p => batch[g].Along!.Contains(p) ? 1.0 : 0).ToArray()).ToList();
            var slopes = Oracle.EvaluateSlopes(tick, throughput, directed.Select(g => batch[g].Fees).ToList(), directions);
            for (var n = 0; n < directed.Length; n++)
            {
                var own = payees[batch[directed[n]].Problem];
                result[directed[n]] = new FeeSearch.Outcome(own.Sum(p => slopes[n][p].Expectation.Profit), own.Sum(p => slopes[n][p].Slope), own.Sum(p => slopes[n][p].Curvature));
            }
        }
        if (plain.Length > 0)
        {
            var outcomes = Oracle.Evaluate(tick, throughput, plain.Select(g => batch[g].Fees).ToList());
            for (var n = 0; n < plain.Length; n++) result[plain[n]] = new FeeSearch.Outcome(payees[batch[plain[n]].Problem].Sum(p => outcomes[n][p].Profit));
        }
        return result;
    }

    /// <summary>
    /// Where a firm's search starts: last month's answer for the same firm (its <paramref name="variables"/>; everything
    /// else at <paramref name="fees"/>): with partial adjustment a provider's fee trails its target for months, and the
    /// target moves little from one month to the next, so Newton starts next to it. The answer does not depend on the
    /// start beyond the search's tolerance. Once every remembered fee is within a settled Newton step of today's (the
    /// search's own rule on exact slopes, 1e-3: <see cref="FeeSearch.IsSettledStep"/>), the search starts at today's fees
    /// instead: a settled path's firms then all probe the same fee vector, whose users' chains the oracle solves once for
    /// all their directions (see <see cref="DemandOracle.EvaluateSlopes"/>), and a Newton step that small lands as close
    /// to the optimum.
    /// </summary>
    private double[] RememberedStart((string Kind, int Firm) key, IReadOnlyList<int> variables, IReadOnlyList<double> fees)
    {
        var start = fees.ToArray();
        if (!lastAnswers.TryGetValue(key, out var last)) return start;
        var settled = true;
        foreach (var v in variables)
        {
            var (lower, upper) = Bounds(Market.Providers[v].Pricing);
            start[v] = Math.Clamp(last[v], lower, upper);
            settled &= FeeSearch.IsSettledStep(start[v] - fees[v], fees[v], exactSlopes: true);
        }
        if (settled) foreach (var v in variables) start[v] = fees[v];
        return start;
    }

    /// <summary>Searches from <see cref="RememberedStart"/> and remembers the answer for next month.</summary>
    private double[] Remembered((string Kind, int Firm) key, IReadOnlyList<int> variables, IReadOnlyList<double> fees, Func<double[], double[]> search)
    {
        var answer = search(RememberedStart(key, variables, fees));
        lastAnswers[key] = answer;
        return answer;
    }

    private readonly Dictionary<(string Kind, int Firm), double[]> lastAnswers = [];

    private double[] Cached((int Tick, string Kind, int Firm) key, Func<double[]> compute)
    {
        lock (gate)
        {
            if (cache.TryGetValue(key, out var known)) return known;
            Forget(key.Tick);
            var result = compute();
            cache[key] = result;
            return result;
        }
    }

    /// <summary>Keeps only the month being priced: every provider asks within one month (call under the gate).</summary>
    private void Forget(int tick)
    {
        foreach (var old in cache.Keys.Where(k => k.Tick != tick).ToArray()) cache.Remove(old);
    }
}
