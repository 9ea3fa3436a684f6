using MarketSim.Market.Learning;

namespace MarketSim.Market.Providers;

/// <summary>
/// How a provider sets next tick's price, as written in the experiment: an immutable description. A provider actor
/// turns it into the <see cref="IPriceSetter"/> it owns for a run (<c>PriceSetting.PriceSetters.CreateSetter</c>,
/// outside this namespace because the setters of the learning and oracle rules depend on the providers); the stateless
/// rules are their own setters.
/// </summary>
public abstract record PricingRule
{
    private PricingRule() { }

    /// <summary>A rule whose next price is a pure function of the observation: no state, so it is its own setter.</summary>
    public abstract record Stateless : PricingRule, IPriceSetter
    {
        private protected Stateless() { }

        /// <summary>The price for the next tick.</summary>
        public abstract double NextPrice(in PricingObservation observation);
    }

    /// <summary>
    /// A markup rule for the collusive benchmark (rule <c>joint_markup</c>): p = c + 1 / (alpha (1 − S)) with S the share
    /// of users served by anyone, the first-order condition of a monopolist owning every product under symmetric logit
    /// demand with the population's mean alpha. Not a maximisation (see <see cref="JointBestResponse"/>). Moves a
    /// fraction <see cref="Step"/> of the way per tick.
    /// </summary>
    /// <param name="Step">Fraction of the gap closed per tick, in (0, 1].</param>
    /// <param name="MinPrice">Floor of the price.</param>
    /// <param name="MaxPrice">Ceiling of the price.</param>
    public sealed record JointMarkup(double Step, double MinPrice, double MaxPrice) : Stateless
    {
        /// <inheritdoc />
        public override double NextPrice(in PricingObservation observation)
        {
            var served = Math.Min(observation.ConnectedShare, 0.999);
            var target = observation.MarginalCost + 1.0 / (observation.MeanPriceSensitivity * (1.0 - served));
            return Math.Clamp(observation.Price + Step * (target - observation.Price), MinPrice, MaxPrice);
        }
    }

    /// <summary>Keeps the configured price for ever.</summary>
    public sealed record Fixed : Stateless
    {
        /// <inheritdoc />
        public override double NextPrice(in PricingObservation observation) => observation.Price;
    }

    /// <summary>
    /// A markup rule (rule <c>markup</c>, formerly called best_response): p = c + 1 / (alpha (1 − s)), the Bertrand
    /// first-order condition of a single-product firm facing homogeneous logit demand, with the observed share and the
    /// population's mean alpha plugged in. It is a best response only in that textbook case: it prices the posted fee
    /// as the bill (ignores rebates), ignores the firm's other plans and wholesale margins, and averages alpha. Moves a
    /// fraction <see cref="Step"/> of the way there.
    /// </summary>
    /// <param name="Step">Fraction of the gap closed per tick, in (0, 1].</param>
    /// <param name="MinPrice">Floor of the price.</param>
    /// <param name="MaxPrice">Ceiling of the price.</param>
    public sealed record Markup(double Step, double MinPrice, double MaxPrice) : Stateless
    {
        /// <inheritdoc />
        public override double NextPrice(in PricingObservation observation)
        {
            var share = Math.Min(observation.Share, 0.999);
            var target = observation.MarginalCost + 1.0 / (observation.MeanPriceSensitivity * (1.0 - share));
            var next = observation.Price + Step * (target - observation.Price);
            return Math.Clamp(next, MinPrice, MaxPrice);
        }
    }

    /// <summary>
    /// A best response (rule <c>best_response</c>): the fees of the provider's firm (an ISP and its product lines
    /// following this rule, jointly) that maximise the firm's expected profit in long-run demand over the actual users
    /// at this month's throughput, rivals' fees held (see <see cref="Pricing.DemandOracle"/>): bills under its tariff,
    /// wholesale margins on lines it carries, revenue shares paid and received, costs. Moves a fraction
    /// <see cref="Step"/> of the way there.
    /// </summary>
    /// <param name="Step">Fraction of the gap closed per tick, in (0, 1].</param>
    /// <param name="MinPrice">Floor of the price.</param>
    /// <param name="MaxPrice">Ceiling of the price.</param>
    public sealed record BestResponse(double Step, double MinPrice, double MaxPrice) : PricingRule;

    /// <summary>
    /// The collusive benchmark (rule <c>joint_best_response</c>): the fees of every provider following this rule that
    /// maximise their firms' joint expected profit (same demand as <see cref="BestResponse"/>). Every such provider
    /// computes the same target, so the fees converge for any number of firms. Moves a fraction <see cref="Step"/> of the way.
    /// </summary>
    /// <param name="Step">Fraction of the gap closed per tick, in (0, 1].</param>
    /// <param name="MinPrice">Floor of the price.</param>
    /// <param name="MaxPrice">Ceiling of the price.</param>
    public sealed record JointBestResponse(double Step, double MinPrice, double MaxPrice) : PricingRule;

    /// <summary>
    /// Equilibrium pricing (rule <c>nash</c>): every month, the fees at which no firm following this rule gains by changing
    /// its own fees, the others' held (iterated best responses at this month's throughput); the residual gain is kept.
    /// </summary>
    /// <param name="MinPrice">Floor of the price.</param>
    /// <param name="MaxPrice">Ceiling of the price.</param>
    public sealed record Nash(double MinPrice, double MaxPrice) : PricingRule;

    /// <summary>True for the rules that price with the demand oracle (a run then shares one <see cref="Pricing.OraclePricing"/>).</summary>
    public bool UsesDemandOracle => this is BestResponse or JointBestResponse or Nash;

    /// <summary>
    /// Q-learning in the setup of Calvano, Calzolari, Denicolò and Pastorello (2020, AER), one tick per period: the provider
    /// picks one of <see cref="Prices"/> equally spaced prices from its Q table, the state is every provider's last price
    /// (nearest grid price), and the reward is its profit per user. Stateful, so every provider and run gets its own
    /// <c>PriceSetting.QLearningPriceSetter</c>.
    /// </summary>
    /// <param name="MinPrice">Lowest price of the grid.</param>
    /// <param name="MaxPrice">Highest price of the grid, above <paramref name="MinPrice"/>.</param>
    /// <param name="Prices">Number of grid prices m, at least 2.</param>
    /// <param name="Learning">Learning rate alpha, discount factor delta and exploration decay beta.</param>
    /// <param name="InitialQ">How the Q table starts.</param>
    public sealed record QLearning(double MinPrice, double MaxPrice, int Prices, QLearningParameters Learning, InitialQ InitialQ) : PricingRule
    {
        /// <summary>The grid: <see cref="Prices"/> equally spaced prices on [<see cref="MinPrice"/>, <see cref="MaxPrice"/>], shared by
        /// <paramref name="providers"/> providers whose last prices make a state.</summary>
        public PriceGrid Grid(int providers)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(Prices, 2);
            var grid = new double[Prices];
            for (var k = 0; k < Prices; k++) grid[k] = MinPrice + (MaxPrice - MinPrice) * k / (Prices - 1);
            return new PriceGrid(grid, providers);
        }
    }
}
