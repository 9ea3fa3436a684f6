using MarketSim.Transport.Linear;
using MarketSim.Transport.Links;

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
/// </summary>
internal sealed class PriceNewton
{
    private const double MaxLogStep = 5.0;
    private const double MaxPrice = 1e6;
    private const int MaxBacktracks = 12;
    private const int MeritMemory = 4;
    private const int MaxNonMonotone = 6;
    private const double ReleaseShare = 1e-3;
    private const double FirstDamping = 1e-4;
    private const double MaxDamping = 1e4;

    private const int Free = 0;
    private const int Released = 1;
    private const int Entering = 2;
    private const int Active = 3;
    private const int Resting = 4;
    private const int Decaying = 5;

    private const int Searching = 0;
    private const int Accepted = 1;
    private const int Rejected = 2;

    private readonly FlowNetwork _net;
    private readonly LinkJacobianPattern _pattern;
    private readonly NetworkEvaluator _eval;
    private readonly double[] _trial;
    private readonly double[] _phi;
    private readonly double[] _shareScale;
    private readonly double[] _negligibleUtilisation;
    private readonly double[] _byLoad;
    private readonly double[] _byLogPrice;
    private readonly int[] _state;
    private readonly int[] _row;
    private readonly int[] _rowLink;
    private readonly double[] _change;
    private readonly double[] _rhs;
    private readonly double[] _solution;
    private readonly LinkComponents _components;
    private readonly double[] _merit;
    private readonly double[] _componentResidual;
    private readonly double[] _trialMerit;
    private readonly double[] _recent;
    private readonly double[] _best;
    private readonly int[] _sinceBest;
    private readonly double[] _damping;
    private readonly double[] _t;
    private readonly double[] _plateau;
    private readonly double[] _worse;
    private readonly double[] _reference;
    private readonly int[] _status;
    private bool _finalStep;
    private readonly SparseSystem _system;
    private readonly Ilu0 _ilu;
    private readonly Gmres _gmres;

    public PriceNewton(FlowNetwork net, LinkJacobianPattern pattern, NetworkEvaluator eval)
    {
        _net = net;
        _pattern = pattern;
        _eval = eval;
        var links = net.LinkCount;
        Prices = new double[links];
        _trial = new double[links];
        _phi = new double[links];
        _shareScale = new double[links];
        _byLoad = new double[links];
        _byLogPrice = new double[links];
        _negligibleUtilisation = new double[links];
        for (var l = 0; l < links; l++)
        {
            _negligibleUtilisation[l] = net.LinkModels[l] == LinkModel.LossMM1K
                ? MM1KLoss.InverseBlocking(LinkResidual.LossFloor, net.LinkBuffer[l], out _)
                : 0;
        }

        _state = new int[links];
        _row = new int[links];
        _rowLink = new int[links];
        _change = new double[links];
        _rhs = new double[links];
        _solution = new double[links];
        _components = new LinkComponents(pattern, links);
        var count = _components.Count;
        _merit = new double[count];
        _componentResidual = new double[count];
        _trialMerit = new double[count];
        _recent = new double[count * MeritMemory];
        _best = new double[count];
        _sinceBest = new int[count];
        _damping = new double[count];
        _t = new double[count];
        _plateau = new double[count];
        _worse = new double[count];
        _reference = new double[count];
        _status = new int[count];
        _system = new SparseSystem(links, pattern.NonZeros);
        _ilu = new Ilu0(links, pattern.NonZeros);
        _gmres = new Gmres(links);
    }

    /// <summary>Current link prices (the warm start between solves).</summary>
    public double[] Prices { get; }

    /// <summary>Largest |Phi| at the last evaluation.</summary>
    public double Residual { get; private set; }

    /// <summary>
    /// Newton iterations at one smoothing level, from the current prices, until the residual is at most
    /// <paramref name="tolerance"/> or <paramref name="iterationBudget"/> runs out. On return the evaluator
    /// holds the rates and loads at <see cref="Prices"/>.
    /// </summary>
    /// <returns>True when converged.</returns>
    public bool Run(double[] counts, double sharpness, double tolerance, ref int iterationBudget, ref int iterations)
    {
        Array.Clear(_damping);
        EvaluateAtPrices(counts, sharpness);
        ComponentMerits(_merit);
        for (var c = 0; c < _components.Count; c++)
        {
            for (var m = 0; m < MeritMemory; m++)
            {
                _recent[c * MeritMemory + m] = _merit[c];
            }

            _best[c] = _merit[c];
            _sinceBest[c] = 0;
        }

        var recent = 0;
        while (Residual > tolerance)
        {
            if (iterationBudget <= 0)
            {
                return false;
            }

            iterationBudget--;
            iterations++;
            BuildAndSolveStep(Math.Clamp(Residual, 1e-10, 1e-2));

            // Quadratic convergence: from a residual r the next is about r^2, so when 10 r^2 is below the
            // tolerance the trial is most likely the last point and is evaluated without the Jacobian.
            _finalStep = 10 * Residual * Residual < tolerance;
            var stuck = LineSearch(counts, sharpness, tolerance);
            if (_finalStep && Residual > tolerance)
            {
                // The guess was wrong: the next iteration needs the Jacobian at the accepted point.
                _eval.Evaluate(counts, Prices, sharpness, withJacobian: true, withMass: false);
            }
            var slot = recent++ % MeritMemory;
            for (var c = 0; c < _components.Count; c++)
            {
                if (_status[c] == Rejected)
                {
                    // No acceptable step: a Levenberg term on this component's capacity rows, grown until one is.
                    _damping[c] = _damping[c] == 0 ? FirstDamping : _damping[c] * 100;
                    continue;
                }

                _damping[c] = _damping[c] <= FirstDamping ? 0 : _damping[c] * 0.1;
                _recent[c * MeritMemory + slot] = _merit[c];
                if (_merit[c] < 0.99 * _best[c])
                {
                    _best[c] = _merit[c];
                    _sinceBest[c] = 0;
                }
                else
                {
                    _sinceBest[c]++;
                }
            }

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
        _eval.Evaluate(counts, Prices, sharpness, withJacobian: false);
        for (var l = 0; l < Prices.Length; l++)
        {
            if (_eval.Mass[l] > 0)
            {
                Prices[l] = _net.LinkModels[l] == LinkModel.LossMM1K
                    ? 1.0 / (_net.LinkBuffer[l] + 1)
                    : EnteringPrice(l);
            }
        }
    }

    /// <summary>
    /// Backtracking along the current step, per link component: each component keeps the first trial whose
    /// merit is below its reference by the Armijo margin (non-monotone: the largest of its last four merits,
    /// monotone after six steps without a 1% gain). All components share each network evaluation. On return
    /// the prices are the accepted trials (unchanged for a component marked Rejected), the evaluator and
    /// residuals are at those prices, and each component's merit is updated.
    /// </summary>
    /// <returns>True when a rejected component's damping is already at its maximum (no way forward).</returns>
    private bool LineSearch(double[] counts, double sharpness, double tolerance)
    {
        var components = _components.Count;
        var searching = 0;
        for (var c = 0; c < components; c++)
        {
            _t[c] = 1;
            _plateau[c] = 0;
            _worse[c] = double.NaN;
            _reference[c] = _sinceBest[c] < MaxNonMonotone ? MaxRecent(c) : _merit[c];

            // A component already within tolerance stays where it is: its merit is rounding noise.
            _status[c] = _componentResidual[c] <= tolerance ? Accepted : Searching;
            searching += _status[c] == Searching ? 1 : 0;
        }

        Array.Copy(Prices, _trial, Prices.Length);
        for (var attempt = 0; attempt <= MaxBacktracks && searching > 0; attempt++)
        {
            for (var l = 0; l < _trial.Length; l++)
            {
                var c = _components.Of[l];
                if (_status[c] == Searching)
                {
                    _trial[l] = StepPrice(l, _t[c]);
                }
            }

            _eval.Evaluate(counts, _trial, sharpness, withJacobian: !_finalStep, withMass: false);
            ComputeResiduals(_trial);
            ComponentMerits(_trialMerit);
            for (var c = 0; c < components; c++)
            {
                if (_status[c] != Searching)
                {
                    continue;
                }

                var merit = _merit[c];
                var trial = _trialMerit[c];
                var t = _t[c];
                if (trial <= _reference[c] - 2e-4 * t * merit)
                {
                    _status[c] = Accepted;
                    searching--;
                    continue;
                }

                double next;
                if (Math.Abs(trial - merit) <= 1e-12 * merit && t == 1)
                {
                    // A full step that changes nothing walks a plateau (flows capped, or at the path-loss floor,
                    // do not respond until the price has moved far enough): take it.
                    _status[c] = Accepted;
                    searching--;
                    continue;
                }

                if (Math.Abs(trial - merit) <= 1e-12 * merit)
                {
                    // Flat: the step stops short of what it aims at (a cliff where a group switches paths lies
                    // further on), so look between this plateau and the shortest step that was worse.
                    _plateau[c] = t;
                    next = double.IsNaN(_worse[c]) ? Math.Min(1, 2 * t) : 0.5 * (t + _worse[c]);
                }
                else if (_plateau[c] > 0)
                {
                    _worse[c] = t;
                    next = 0.5 * (_plateau[c] + t);
                }
                else
                {
                    // Quadratic model of the merit along the step (slope -2 merit at t = 0).
                    _worse[c] = t;
                    var curvature = (trial - merit + 2 * merit * t) / (t * t);
                    next = Math.Clamp(curvature > 0 ? merit / curvature : 0.5 * t, 0.1 * t, 0.5 * t);
                }

                if (next == t || attempt == MaxBacktracks)
                {
                    _status[c] = Rejected;
                    searching--;
                    continue;
                }

                _t[c] = next;
            }
        }

        // Keep the accepted trials; a rejected component goes back to its prices, and then the network is
        // evaluated again so the evaluator holds the accepted point.
        var rejected = false;
        var stuck = false;
        for (var l = 0; l < _trial.Length; l++)
        {
            var c = _components.Of[l];
            if (_status[c] == Rejected)
            {
                _trial[l] = Prices[l];
                rejected = true;
                stuck |= _damping[c] >= MaxDamping;
            }
        }

        Array.Copy(_trial, Prices, Prices.Length);
        if (rejected || (_finalStep && searching > 0))
        {
            _eval.Evaluate(counts, Prices, sharpness, withJacobian: true, withMass: false);
        }

        UpdateShareScale();
        ComputeResiduals(Prices);
        ComponentMerits(_merit);
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
            if (_state[l] == Entering && _status[_components.Of[l]] == Rejected && _net.LinkModels[l] == LinkModel.Capacity)
            {
                Prices[l] = 1e-6 * LinkResidual.MeanPathLoss(_eval.Loads[l], _eval.Elastic[l]);
                seeded = true;
            }
        }

        if (seeded)
        {
            EvaluateAtPrices(counts, sharpness);
            ComponentMerits(_merit);
        }
    }

    /// <summary>Merit sum(Phi^2)/2 (and largest |Phi|) of every component at the current residuals.</summary>
    private void ComponentMerits(double[] merits)
    {
        Array.Clear(merits);
        Array.Clear(_componentResidual);
        for (var l = 0; l < _phi.Length; l++)
        {
            var c = _components.Of[l];
            merits[c] += 0.5 * _phi[l] * _phi[l];
            _componentResidual[c] = Math.Max(_componentResidual[c], Math.Abs(_phi[l]));
        }
    }

    private double MaxRecent(int component)
    {
        var max = _recent[component * MeritMemory];
        for (var m = 1; m < MeritMemory; m++)
        {
            max = Math.Max(max, _recent[component * MeritMemory + m]);
        }

        return max;
    }

    private double EvaluateAtPrices(double[] counts, double sharpness)
    {
        _eval.Evaluate(counts, Prices, sharpness, withJacobian: true);
        UpdateShareScale();
        return ComputeResiduals(Prices);
    }

    /// <summary>
    /// Fixes, for the coming iteration, the loss each capacity link's price is compared with (its paths' mean
    /// loss at the current point): held fixed while the step is searched, the price side of the min is linear
    /// in the price, so the merit along a step measures the step and not a moving normalisation.
    /// </summary>
    private void UpdateShareScale()
    {
        for (var l = 0; l < Prices.Length; l++)
        {
            _shareScale[l] = LinkResidual.ShareScale(Prices[l], _eval.Loads[l], _eval.Elastic[l]);
        }
    }

    /// <summary>Computes every link residual at the evaluator's state; returns the merit sum(Phi^2)/2.</summary>
    private double ComputeResiduals(double[] prices)
    {
        var worst = 0.0;
        var merit = 0.0;
        for (var l = 0; l < prices.Length; l++)
        {
            if (_eval.Mass[l] == 0)
            {
                _phi[l] = 0;
                continue;
            }

            var phi = LinkResidual.Compute(
                _net, l, prices[l], _eval.Loads[l], _shareScale[l], _negligibleUtilisation[l], out _byLoad[l], out _byLogPrice[l]);
            _phi[l] = phi;
            worst = Math.Max(worst, Math.Abs(phi));
            merit += 0.5 * phi * phi;
        }

        Residual = worst;
        return merit;
    }

    /// <summary>The price at which the link's flows, were they Reno, would just fill it: P ((y/c)^2 - 1).</summary>
    private double EnteringPrice(int link)
    {
        var load = _eval.Loads[link];
        var capacity = _net.LinkCapacity[link];
        if (load <= capacity || _eval.Elastic[link] <= 0)
        {
            return 0;
        }

        var ratio = load / capacity;
        return Math.Min(MaxPrice, LinkResidual.MeanPathLoss(load, _eval.Elastic[link]) * (ratio * ratio - 1));
    }

    private void Classify(int link)
    {
        var price = Prices[link];
        var load = _eval.Loads[link];
        _change[link] = 0;
        if (_eval.Mass[link] == 0)
        {
            _state[link] = Free;
            return;
        }

        if (_net.LinkModels[link] == LinkModel.LossMM1K)
        {
            if (price > LinkResidual.LossFloor)
            {
                _state[link] = Active;
                return;
            }

            // Start from the loss at the current load (the fixed point's own update).
            var blocking = MM1KLoss.Blocking(load / _net.LinkCapacity[link], _net.LinkBuffer[link]);
            _change[link] = blocking > LinkResidual.LossFloor ? Math.Min(blocking, MaxPrice) - price : 0;
            _state[link] = _change[link] != 0 ? Entering : Resting;
            return;
        }

        if (price == 0)
        {
            _change[link] = EnteringPrice(link);
            _state[link] = _change[link] > 0 ? Entering : Resting;
            return;
        }

        var share = price / _shareScale[link];
        if (load == 0 || LinkResidual.LogSlack(_net.LinkCapacity[link], load) > share)
        {
            var release = load == 0 || share < ReleaseShare;
            _state[link] = release ? Released : Decaying;
            _change[link] = release ? -price : price * (Math.Exp(-MaxLogStep) - 1);
            return;
        }

        _state[link] = Active;
    }

    private void BuildAndSolveStep(double linearTolerance)
    {
        var rows = 0;
        for (var l = 0; l < _net.LinkCount; l++)
        {
            Classify(l);
            _row[l] = -1;
            if (_state[l] == Active)
            {
                _row[l] = rows;
                _rowLink[rows++] = l;
            }
        }

        _system.Reset(rows);
        var rowStart = _pattern.RowStart;
        var columns = _pattern.Columns;
        var jac = _eval.Jacobian;
        var elastic = _eval.Elastic;
        for (var i = 0; i < rows; i++)
        {
            var l = _rowLink[i];
            var isCapacity = _net.LinkModels[l] == LinkModel.Capacity;
            var rhs = -_phi[l];

            // d Phi_l / d v_k = (d Phi_l / d y_l) J_lk price_k, v = ln(price), plus the link's own term.
            for (var e = rowStart[l]; e < rowStart[l + 1]; e++)
            {
                var k = columns[e];
                var derivative = _byLoad[l] * jac[e];
                var j = _row[k];
                if (j < 0)
                {
                    rhs -= derivative * _change[k];
                    continue;
                }

                var value = derivative * Prices[k];
                if (k == l)
                {
                    if (isCapacity)
                    {
                        // Borrowed Reno-like slope where the flows are capped, plus the Levenberg term.
                        var flat = Math.Max(0, elastic[l] - 100 * Math.Max(0, -jac[e]));
                        value -= _byLoad[l] * (_damping[_components.Of[l]] * elastic[l] + flat) * Prices[l];
                    }
                    else
                    {
                        value += _byLogPrice[l];
                    }
                }

                _system.Append(j, value);
            }

            _system.EndRow();
            _rhs[i] = rhs;
            _solution[i] = 0;
        }

        if (rows == 0)
        {
            return;
        }

        _ilu.Factor(_system);
        _gmres.Solve(_system, _ilu, _rhs.AsSpan(0, rows), _solution.AsSpan(0, rows), linearTolerance, 400);
    }

    private double StepPrice(int link, double t)
    {
        var price = Prices[link];
        return _state[link] switch
        {
            Released or Decaying or Entering => price + t * _change[link],
            Active => Math.Min(price * Math.Exp(t * Math.Clamp(_solution[_row[link]], -MaxLogStep, MaxLogStep)), MaxPrice),
            _ => price,
        };
    }

}
