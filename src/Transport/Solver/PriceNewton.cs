
namespace MarketSim.Transport.Solver;

/// <summary>
/// Finds the link prices at which every link's residual (<see cref="LinkResidual"/>) vanishes: a semismooth
/// (active-set) Newton method on the link prices with the full sparse link Jacobian.
/// <para>
/// Each iteration classifies every link a group crosses. A capacity link whose min picks the load side, and
/// every priced loss link, is active: its load equation enters the Newton system in the variable ln(price),
/// in which Reno-like demand (load ~ price^-1/2) is linear, so a single Reno bottleneck is solved in one
/// step. A capacity link whose min picks the price side must lose its price: it is released to zero once
/// its share of its paths' loss is below 1e-3 (or it carries nothing), and it decays by e^-5 per iteration
/// before that, because dropping a large share at once would let Reno-like demand explode. An unpriced
/// overloaded link enters with the price at which its flows, were they Reno, would just fill it; an
/// unpriced loss link with a load enters at its loss. The system dPhi_A/dv_A dv_A = -Phi_A, with the known
/// changes of the other links moved to the right, couples the links through the users crossing several of
/// them (for example traffic moving from one link to another at a tie) - the coupling per-link price updates
/// ignore and why they oscillate. It is solved by GMRES with an ILU(0) preconditioner to a relative accuracy
/// that tightens with the residual (inexact Newton). A link whose flows are all at their access caps has no
/// slope to aim with; its diagonal borrows the Reno-like slope of its flows counted from their cap losses.
/// </para>
/// <para>
/// Globalisation, per connected component of links (components are independent problems, so one crossing a
/// cliff does not hold back the others, see <see cref="LinkComponents"/>): log steps are capped at e^5 per link
/// and iteration; a component keeps the first trial whose merit ||Phi||^2/2 passes a non-monotone Armijo test
/// (Grippo, Lampariello and Lucidi 1986) against the largest of its last four merits, so it may cross a kink or
/// cliff (a group switching paths, a link starting to bind) that raises the merit for an iteration; after six
/// accepted steps without a 1% gain on its best merit the test becomes monotone, which ends any cycle.
/// Backtracking uses a quadratic model, or bisection between a flat step (the cliff not reached) and a worse
/// one; a full step that changes nothing walks a plateau. When a component's search fails, a Levenberg term
/// (lambda times the Reno-like slope) is added to its capacity rows, grown by 100 per failure, and an unpriced
/// link whose heuristic entry failed is seeded with a tiny price so Newton takes it over. Near the solution
/// the active set settles and the steps are full Newton steps: quadratic convergence (a warm solve of 1M users
/// went 3e-2, 3e-3, 6e-5, 3e-8). When 10 r^2 is below the tolerance the next point is most likely the last
/// and is evaluated without the Jacobian.
/// </para>
/// <para>
/// The parts: <see cref="LinkResiduals"/> (Phi and its derivatives), <see cref="NewtonStep"/> (link states, the
/// linear system and the step) and <see cref="ComponentSearch"/> (per-component line search, merit history and
/// damping); this class runs the iterations.
/// </para>
/// </summary>
internal sealed class PriceNewton
{
    private const double SeedShare = 1e-6;

    private readonly FlowNetwork net;
    private readonly NetworkEvaluator eval;
    private readonly LinkResiduals residuals;
    private readonly NewtonStep step;
    private readonly ComponentSearch search;
    private readonly double[] trial;

    public PriceNewton(FlowNetwork net, LinkJacobianPattern pattern, NetworkEvaluator eval)
    {
        this.net = net;
        this.eval = eval;
        Prices = new double[net.LinkCount];
        this.trial = new double[net.LinkCount];
        this.residuals = new LinkResiduals(net, eval);
        this.step = new NewtonStep(net, pattern, eval);
        this.search = new ComponentSearch(new LinkComponents(pattern, net.LinkCount));
    }

    /// <summary>Current link prices (the warm start between solves).</summary>
    public double[] Prices { get; }

    /// <summary>Largest |Phi| at the last evaluation.</summary>
    public double Residual => this.residuals.Largest;

    /// <summary>
    /// Newton iterations at one smoothing level, from the current prices, until the residual is at most
    /// <paramref name="tolerance"/> or <paramref name="iterationBudget"/> runs out. On return the evaluator
    /// holds the rates and loads at <see cref="Prices"/>.
    /// </summary>
    /// <returns>True when converged.</returns>
    public bool Run(double[] counts, double sharpness, double tolerance, ref int iterationBudget, ref int iterations)
    {
        EvaluateAtPrices(counts, sharpness);
        this.search.Restart(this.residuals.Phi);
        while (Residual > tolerance)
        {
            if (iterationBudget <= 0)
            {
                return false;
            }

            iterationBudget--;
            iterations++;
            this.step.Build(Prices, this.residuals, this.search, Math.Clamp(Residual, 1e-10, 1e-2));

            // Quadratic convergence: from a residual r the next is about r^2, so when 10 r^2 is below the
            // tolerance the trial is most likely the last point and is evaluated without the Jacobian.
            var likelyLast = 10 * Residual * Residual < tolerance;
            var stuck = LineSearch(counts, sharpness, tolerance, likelyLast);
            if (likelyLast && Residual > tolerance)
            {
                // The guess was wrong: the next iteration needs the Jacobian at the accepted point.
                this.eval.Evaluate(counts, Prices, sharpness, withJacobian: true, withMass: false);
            }

            this.search.EndIteration();
            SeedRejectedEntries(counts, sharpness);
            if (stuck)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Cold-start prices from one evaluation at zero prices: each overloaded capacity link gets the price at
    /// which its flows, were they Reno, would just fill it; each loaded loss link its loss at full load, 1/(K+1).
    /// </summary>
    public void InitializeCold(double[] counts, double sharpness)
    {
        Array.Clear(Prices);
        this.eval.Evaluate(counts, Prices, sharpness, withJacobian: false);
        for (var l = 0; l < Prices.Length; l++)
        {
            if (this.eval.Mass[l] > 0)
            {
                Prices[l] = this.net.LinkModels[l] == LinkModel.LossMM1K
                    ? 1.0 / (this.net.LinkBuffer[l] + 1)
                    : this.step.EnteringPrice(l);
            }
        }
    }

    /// <summary>
    /// Backtracking along the current step, per link component (<see cref="ComponentSearch"/>). All components
    /// share each network evaluation; when <paramref name="likelyLast"/> the trials are evaluated without the
    /// Jacobian. On return the prices are the accepted trials (unchanged for a rejected component), the
    /// evaluator and residuals are at those prices, and each component's merit is updated.
    /// </summary>
    /// <returns>True when a rejected component's damping is already at its maximum (no way forward).</returns>
    private bool LineSearch(double[] counts, double sharpness, double tolerance, bool likelyLast)
    {
        var of = this.search.ComponentOf;
        var searching = this.search.Begin(tolerance);
        Array.Copy(Prices, this.trial, Prices.Length);
        for (var attempt = 0; attempt <= ComponentSearch.MaxBacktracks && searching > 0; attempt++)
        {
            for (var l = 0; l < this.trial.Length; l++)
            {
                var c = of[l];
                if (this.search.IsSearching(c))
                {
                    this.trial[l] = this.step.PriceAt(l, Prices[l], this.search.StepLength(c));
                }
            }

            this.eval.Evaluate(counts, this.trial, sharpness, withJacobian: !likelyLast, withMass: false);
            this.residuals.Compute(this.trial);
            searching -= this.search.Judge(this.residuals.Phi, attempt == ComponentSearch.MaxBacktracks);
        }

        // Keep the accepted trials; a rejected component goes back to its prices, and then the network is
        // evaluated again so the evaluator holds the accepted point.
        var rejected = false;
        var stuck = false;
        for (var l = 0; l < this.trial.Length; l++)
        {
            var c = of[l];
            if (this.search.Status(c) == SearchStatus.Rejected)
            {
                this.trial[l] = Prices[l];
                rejected = true;
                stuck |= this.search.IsStuck(c);
            }
        }

        Array.Copy(this.trial, Prices, Prices.Length);
        if (rejected || (likelyLast && searching > 0))
        {
            this.eval.Evaluate(counts, Prices, sharpness, withJacobian: true, withMass: false);
        }

        this.residuals.UpdateShareScale(Prices);
        this.residuals.Compute(Prices);
        this.search.UpdateMerits(this.residuals.Phi);
        return stuck;
    }

    /// <summary>
    /// In a component whose step was rejected, an unpriced overloaded link's heuristic entry price (which the
    /// damping does not touch) is replaced by a tiny seed price, so from the next iteration the link is active
    /// and Newton, damped as needed, chooses its price.
    /// </summary>
    private void SeedRejectedEntries(double[] counts, double sharpness)
    {
        var seeded = false;
        for (var l = 0; l < Prices.Length; l++)
        {
            if (this.step.StateOf(l) == LinkState.Entering
                && this.search.Status(this.search.ComponentOf[l]) == SearchStatus.Rejected
                && this.net.LinkModels[l] == LinkModel.Capacity)
            {
                Prices[l] = SeedShare * LinkResidual.MeanPathLoss(this.eval.Loads[l], this.eval.Elastic[l]);
                seeded = true;
            }
        }

        if (seeded)
        {
            EvaluateAtPrices(counts, sharpness);
            this.search.UpdateMerits(this.residuals.Phi);
        }
    }

    private void EvaluateAtPrices(double[] counts, double sharpness)
    {
        this.eval.Evaluate(counts, Prices, sharpness, withJacobian: true);
        this.residuals.UpdateShareScale(Prices);
        this.residuals.Compute(Prices);
    }
}
