namespace MarketSim.Market.Learning;

/// <summary>
/// Logit demand of Calvano, Calzolari, Denicolò and Pastorello (2020, AER), section II.A: firm i sells one product of
/// quality a_i at price p_i and marginal cost c_i; consumers also have an outside good of quality a0; mu is the
/// horizontal differentiation (the logit noise scale, 1/alpha in the price-coefficient form of DESIGN.md).
/// <code>
///   s_i = exp((a_i - p_i)/mu) / (sum_j exp((a_j - p_j)/mu) + exp(a0/mu)),   profit_i = (p_i - c_i) s_i.
/// </code>
/// Shares are computed in log-sum-exp form, so large qualities or small mu do not overflow. The two benchmarks:
/// <list type="bullet">
/// <item>Bertrand-Nash prices: every firm's first-order condition p_i = c_i + mu / (1 - s_i) holds at once.
/// Each firm's best response to the others has a closed form through the Wright omega function (see
/// <see cref="BestResponse"/>); Gauss-Seidel best-response iteration converges because logit best responses have
/// slopes below one.</item>
/// <item>Joint-profit (monopoly) prices: a multi-product logit monopolist charges the same markup on every product,
/// p_i - c_i = mu / (1 - S) with S = sum_j s_j (differentiate sum_i (p_i - c_i) s_i: p_k - c_k = mu + sum_i (p_i - c_i) s_i,
/// which does not depend on k). The common markup again solves a Wright omega equation, exactly, for any
/// asymmetric qualities and costs.</item>
/// </list>
/// Immutable; the span methods do not allocate.
/// </summary>
public sealed class LogitDemand
{
    private readonly double[] quality;
    private readonly double[] cost;

    /// <summary>Creates the demand of <paramref name="quality"/>.Length firms.</summary>
    /// <param name="quality">Product qualities a_i.</param>
    /// <param name="cost">Marginal costs c_i (same length).</param>
    /// <param name="outsideQuality">Quality of the outside good a0.</param>
    /// <param name="mu">Logit noise scale, &gt; 0.</param>
    public LogitDemand(IReadOnlyList<double> quality, IReadOnlyList<double> cost, double outsideQuality, double mu)
    {
        ArgumentNullException.ThrowIfNull(quality);
        ArgumentNullException.ThrowIfNull(cost);
        if (quality.Count < 1) throw new ArgumentException("at least one firm is needed", nameof(quality));
        if (cost.Count != quality.Count) throw new ArgumentException("one cost per firm is needed", nameof(cost));
        if (!(mu > 0) || double.IsInfinity(mu)) throw new ArgumentOutOfRangeException(nameof(mu), mu, "mu must be positive and finite");
        if (!double.IsFinite(outsideQuality)) throw new ArgumentOutOfRangeException(nameof(outsideQuality), outsideQuality, "must be finite");
        if (quality.Any(q => !double.IsFinite(q)) || cost.Any(c => !double.IsFinite(c)))
            throw new ArgumentException("qualities and costs must be finite");
        this.quality = [.. quality];
        this.cost = [.. cost];
        OutsideQuality = outsideQuality;
        Mu = mu;
    }

    /// <summary>Symmetric firms: the same quality and cost for all <paramref name="firms"/>.</summary>
    public static LogitDemand Symmetric(int firms, double quality, double cost, double outsideQuality, double mu)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(firms, 1);
        return new LogitDemand(Enumerable.Repeat(quality, firms).ToArray(), Enumerable.Repeat(cost, firms).ToArray(), outsideQuality, mu);
    }

    /// <summary>Number of firms n.</summary>
    public int Firms => quality.Length;

    /// <summary>Quality of the outside good a0.</summary>
    public double OutsideQuality { get; }

    /// <summary>Logit noise scale mu.</summary>
    public double Mu { get; }

    /// <summary>Quality a_i of firm <paramref name="firm"/>.</summary>
    public double Quality(int firm) => quality[firm];

    /// <summary>Marginal cost c_i of firm <paramref name="firm"/>.</summary>
    public double Cost(int firm) => cost[firm];

    /// <summary>Writes every firm's market share at <paramref name="prices"/> into <paramref name="shares"/>.</summary>
    public void Shares(ReadOnlySpan<double> prices, Span<double> shares)
    {
        CheckLength(prices.Length, nameof(prices));
        CheckLength(shares.Length, nameof(shares));
        // Log-sum-exp: subtract the largest utility before exponentiating.
        double top = OutsideQuality / Mu;
        for (int j = 0; j < Firms; j++) top = Math.Max(top, (quality[j] - prices[j]) / Mu);
        double denominator = Math.Exp(OutsideQuality / Mu - top);
        for (int j = 0; j < Firms; j++)
        {
            shares[j] = Math.Exp((quality[j] - prices[j]) / Mu - top);
            denominator += shares[j];
        }
        for (int j = 0; j < Firms; j++) shares[j] /= denominator;
    }

    /// <summary>The share of one firm at <paramref name="prices"/>.</summary>
    public double Share(ReadOnlySpan<double> prices, int firm)
    {
        Span<double> shares = Firms <= 64 ? stackalloc double[Firms] : new double[Firms];
        Shares(prices, shares);
        return shares[firm];
    }

    /// <summary>Writes every firm's profit (p_i - c_i) s_i at <paramref name="prices"/> into <paramref name="profits"/>.</summary>
    public void Profits(ReadOnlySpan<double> prices, Span<double> profits)
    {
        Shares(prices, profits);
        for (int j = 0; j < Firms; j++) profits[j] *= prices[j] - cost[j];
    }

    /// <summary>
    /// Firm <paramref name="firm"/>'s profit-maximising price when the others charge <paramref name="prices"/>
    /// (its own entry is ignored). With D = sum_{j != i} exp((a_j - p_j)/mu) + exp(a0/mu) and x = (p_i - c_i)/mu - 1, the
    /// first-order condition p_i - c_i = mu / (1 - s_i) becomes x + ln x = (a_i - c_i)/mu - 1 - ln D, so
    /// x = omega((a_i - c_i)/mu - 1 - ln D) with omega the Wright omega function. Profit is single-peaked in p_i, so the
    /// stationary point is the maximum.
    /// </summary>
    public double BestResponse(ReadOnlySpan<double> prices, int firm)
    {
        CheckLength(prices.Length, nameof(prices));
        double logOthers = LogSumExpOthers(prices, firm);
        double x = WrightOmega((quality[firm] - cost[firm]) / Mu - 1 - logOthers);
        return cost[firm] + Mu * (1 + x);
    }

    /// <summary>
    /// The Bertrand-Nash equilibrium prices: Gauss-Seidel iteration of exact best responses from marginal cost until no
    /// price moves by more than 1e-13 (relative). Throws if that takes more than 10,000 sweeps (it takes a few dozen).
    /// </summary>
    public double[] NashPrices()
    {
        var prices = new double[Firms];
        for (int j = 0; j < Firms; j++) prices[j] = cost[j] + Mu;
        for (int sweep = 0; sweep < 10_000; sweep++)
        {
            double largestMove = 0;
            for (int i = 0; i < Firms; i++)
            {
                double next = BestResponse(prices, i);
                largestMove = Math.Max(largestMove, Math.Abs(next - prices[i]) / Math.Max(1, Math.Abs(next)));
                prices[i] = next;
            }
            if (largestMove < 1e-13) return prices;
        }
        throw new InvalidOperationException("best-response iteration for the Bertrand-Nash prices did not converge");
    }

    /// <summary>
    /// The joint-profit-maximising (monopoly) prices: the common markup m = mu / (1 - S) solves, with
    /// K = sum_i exp((a_i - c_i)/mu) and y = m/mu - 1, y + ln y = ln K - a0/mu - 1, so m = mu (1 + omega(ln K - a0/mu - 1)).
    /// </summary>
    public double[] MonopolyPrices()
    {
        double top = double.NegativeInfinity;
        for (int j = 0; j < Firms; j++) top = Math.Max(top, (quality[j] - cost[j]) / Mu);
        double sum = 0;
        for (int j = 0; j < Firms; j++) sum += Math.Exp((quality[j] - cost[j]) / Mu - top);
        double logK = top + Math.Log(sum);
        double markup = Mu * (1 + WrightOmega(logK - OutsideQuality / Mu - 1));
        var prices = new double[Firms];
        for (int j = 0; j < Firms; j++) prices[j] = cost[j] + markup;
        return prices;
    }

    /// <summary>Each firm's profit at <paramref name="prices"/> (allocates the result).</summary>
    public double[] ProfitsAt(ReadOnlySpan<double> prices)
    {
        var profits = new double[Firms];
        Profits(prices, profits);
        return profits;
    }

    /// <summary>
    /// The Wright omega function: the w &gt; 0 with w + ln w = z (equivalently w = W(exp z), Lambert W). Newton's iteration
    /// w &lt;- w (1 + z - ln w) / (1 + w) from the asymptotic starting points converges in a handful of steps to full precision.
    /// </summary>
    public static double WrightOmega(double z)
    {
        if (double.IsNaN(z)) throw new ArgumentOutOfRangeException(nameof(z), z, "must be a number");
        if (z < -700) return Math.Exp(z); // w = e^{z - w} with w below 1e-304: e^z is exact to double precision.
        // Starting points: the logistic e^z / (1 + e^z) is within 30 % on z <= 1 (and ~e^z far left); z - ln z beyond.
        double w = z <= 1 ? Math.Exp(z) / (1 + Math.Exp(z)) : z - Math.Log(z);
        for (int k = 0; k < 100; k++)
        {
            double next = w * (1 + z - Math.Log(w)) / (1 + w);
            if (!(next > 0)) next = w / 2; // an overshoot below zero: halve instead (w + ln w is increasing)
            if (Math.Abs(next - w) <= 4e-16 * next) return next;
            w = next;
        }
        return w;
    }

    private double LogSumExpOthers(ReadOnlySpan<double> prices, int firm)
    {
        double top = OutsideQuality / Mu;
        for (int j = 0; j < Firms; j++)
        {
            if (j != firm) top = Math.Max(top, (quality[j] - prices[j]) / Mu);
        }
        double sum = Math.Exp(OutsideQuality / Mu - top);
        for (int j = 0; j < Firms; j++)
        {
            if (j != firm) sum += Math.Exp((quality[j] - prices[j]) / Mu - top);
        }
        return top + Math.Log(sum);
    }

    private void CheckLength(int length, string name)
    {
        if (length != Firms) throw new ArgumentException($"expected {Firms} values, one per firm, got {length}", name);
    }
}
