namespace MarketSim.Transport.Solver;

/// <summary>
/// The globalisation state of every connected component of links (<see cref="LinkComponents"/>): its merit
/// ||Phi||^2/2 and largest |Phi|, the memory of recent merits for the non-monotone Armijo test, the step length
/// and bracket of its backtracking, its <see cref="SearchStatus"/> and its Levenberg damping.
/// <para>
/// Acceptance (Grippo, Lampariello and Lucidi 1986): a trial passes when its merit is below the reference (the
/// largest of the last <see cref="MeritMemory"/> merits, or the current merit once <see cref="MaxNonMonotone"/>
/// accepted steps brought no 1% gain on the best) by the Armijo margin. Backtracking uses a quadratic model, or
/// bisection between a flat step (the cliff not reached) and a worse one; a full step that changes nothing walks
/// a plateau. A component that finds no acceptable step is rejected and its damping grows by 100.
/// </para>
/// </summary>
internal sealed class ComponentSearch
{
    /// <summary>Trials per line search after the full step.</summary>
    public const int MaxBacktracks = 12;

    private const int MeritMemory = 4;
    private const int MaxNonMonotone = 6;
    private const double ArmijoMargin = 2e-4;
    private const double BestGain = 0.99;
    private const double FirstDamping = 1e-4;
    private const double MaxDamping = 1e4;
    private const double DampingGrowth = 100;
    private const double DampingDecay = 0.1;

    private readonly LinkComponents components;
    private readonly double[] merit;
    private readonly double[] residual;
    private readonly double[] trialMerit;
    private readonly double[] recent;
    private readonly double[] best;
    private readonly int[] sinceBest;
    private readonly double[] damping;
    private readonly double[] step;
    private readonly double[] plateau;
    private readonly double[] worse;
    private readonly double[] reference;
    private readonly SearchStatus[] status;
    private int iteration;

    public ComponentSearch(LinkComponents components)
    {
        this.components = components;
        var count = components.Count;
        this.merit = new double[count];
        residual = new double[count];
        trialMerit = new double[count];
        this.recent = new double[count * MeritMemory];
        this.best = new double[count];
        sinceBest = new int[count];
        this.damping = new double[count];
        this.step = new double[count];
        this.plateau = new double[count];
        this.worse = new double[count];
        this.reference = new double[count];
        this.status = new SearchStatus[count];
    }

    /// <summary>The component of each link.</summary>
    public int[] ComponentOf => this.components.Of;

    /// <summary>Step length the component's next trial takes (1 is the full Newton step).</summary>
    public double StepLength(int component) => this.step[component];

    /// <summary>The component's Levenberg damping (0 when undamped).</summary>
    public double Damping(int component) => this.damping[component];

    /// <summary>The component's status in the last line search.</summary>
    public SearchStatus Status(int component) => this.status[component];

    /// <summary>True when the component's status is <see cref="SearchStatus.Searching"/>.</summary>
    public bool IsSearching(int component) => this.status[component] == SearchStatus.Searching;

    /// <summary>True when the component was rejected with its damping already at the maximum: no way forward.</summary>
    public bool IsStuck(int component) => this.status[component] == SearchStatus.Rejected && this.damping[component] >= MaxDamping;

    /// <summary>Starts a Newton run: no damping, and the merit history filled with the current merits.</summary>
    public void Restart(double[] phi)
    {
        Array.Clear(this.damping);
        UpdateMerits(phi);
        for (var c = 0; c < this.components.Count; c++)
        {
            for (var m = 0; m < MeritMemory; m++)
            {
                this.recent[c * MeritMemory + m] = this.merit[c];
            }

            this.best[c] = this.merit[c];
            sinceBest[c] = 0;
        }

        this.iteration = 0;
    }

    /// <summary>Sets every component's merit (and largest |Phi|) from the link residuals at the current point.</summary>
    public void UpdateMerits(double[] phi) => Merits(phi, this.merit);

    /// <summary>
    /// Starts a line search: every component at the full step with its acceptance reference; a component already
    /// within <paramref name="tolerance"/> is accepted as it stands (its merit is rounding noise).
    /// </summary>
    /// <returns>The number of components searching.</returns>
    public int Begin(double tolerance)
    {
        var searching = 0;
        for (var c = 0; c < this.components.Count; c++)
        {
            this.step[c] = 1;
            this.plateau[c] = 0;
            this.worse[c] = double.NaN;
            this.reference[c] = sinceBest[c] < MaxNonMonotone ? MaxRecent(c) : this.merit[c];
            this.status[c] = residual[c] <= tolerance ? SearchStatus.Accepted : SearchStatus.Searching;
            searching += this.status[c] == SearchStatus.Searching ? 1 : 0;
        }

        return searching;
    }

    /// <summary>
    /// Judges every searching component's trial from the link residuals at the trial point: accepts it, rejects
    /// the component (no shorter step left, or <paramref name="lastAttempt"/>), or picks a shorter step.
    /// </summary>
    /// <returns>The number of components that stopped searching.</returns>
    public int Judge(double[] trialPhi, bool lastAttempt)
    {
        Merits(trialPhi, trialMerit);
        var settled = 0;
        for (var c = 0; c < this.components.Count; c++)
        {
            if (this.status[c] != SearchStatus.Searching)
            {
                continue;
            }

            var next = NextStep(c, lastAttempt);
            if (next is null)
            {
                settled++;
                continue;
            }

            this.step[c] = next.Value;
        }

        return settled;
    }

    /// <summary>
    /// Ends a Newton iteration: a rejected component's damping grows, an accepted one's decays and its merit
    /// enters the history.
    /// </summary>
    public void EndIteration()
    {
        var slot = this.iteration++ % MeritMemory;
        for (var c = 0; c < this.components.Count; c++)
        {
            if (this.status[c] == SearchStatus.Rejected)
            {
                // No acceptable step: a Levenberg term on this component's capacity rows, grown until one is.
                this.damping[c] = this.damping[c] == 0 ? FirstDamping : this.damping[c] * DampingGrowth;
                continue;
            }

            this.damping[c] = this.damping[c] <= FirstDamping ? 0 : this.damping[c] * DampingDecay;
            this.recent[c * MeritMemory + slot] = this.merit[c];
            if (this.merit[c] < BestGain * this.best[c])
            {
                this.best[c] = this.merit[c];
                sinceBest[c] = 0;
            }
            else
            {
                sinceBest[c]++;
            }
        }
    }

    /// <summary>The component's next step length, or null once it is accepted or rejected (status set).</summary>
    private double? NextStep(int c, bool lastAttempt)
    {
        var merit = this.merit[c];
        var trial = trialMerit[c];
        var t = this.step[c];
        if (trial <= this.reference[c] - ArmijoMargin * t * merit)
        {
            this.status[c] = SearchStatus.Accepted;
            return null;
        }

        var flat = Math.Abs(trial - merit) <= 1e-12 * merit;
        if (flat && t == 1)
        {
            // A full step that changes nothing walks a plateau (flows capped, or at the path-loss floor, do not
            // respond until the price has moved far enough): take it.
            this.status[c] = SearchStatus.Accepted;
            return null;
        }

        double next;
        if (flat)
        {
            // Flat: the step stops short of what it aims at (a cliff where a group switches paths lies further
            // on), so look between this plateau and the shortest step that was worse.
            this.plateau[c] = t;
            next = double.IsNaN(this.worse[c]) ? Math.Min(1, 2 * t) : 0.5 * (t + this.worse[c]);
        }
        else if (this.plateau[c] > 0)
        {
            this.worse[c] = t;
            next = 0.5 * (this.plateau[c] + t);
        }
        else
        {
            // Quadratic model of the merit along the step (slope -2 merit at t = 0).
            this.worse[c] = t;
            var curvature = (trial - merit + 2 * merit * t) / (t * t);
            next = Math.Clamp(curvature > 0 ? merit / curvature : 0.5 * t, 0.1 * t, 0.5 * t);
        }

        if (next == t || lastAttempt)
        {
            this.status[c] = SearchStatus.Rejected;
            return null;
        }

        return next;
    }

    /// <summary>Merit sum(Phi^2)/2 and largest |Phi| of every component.</summary>
    private void Merits(double[] phi, double[] merits)
    {
        Array.Clear(merits);
        Array.Clear(residual);
        var of = this.components.Of;
        for (var l = 0; l < phi.Length; l++)
        {
            var c = of[l];
            merits[c] += 0.5 * phi[l] * phi[l];
            residual[c] = Math.Max(residual[c], Math.Abs(phi[l]));
        }
    }

    private double MaxRecent(int component)
    {
        var max = this.recent[component * MeritMemory];
        for (var m = 1; m < MeritMemory; m++)
        {
            max = Math.Max(max, this.recent[component * MeritMemory + m]);
        }

        return max;
    }
}
