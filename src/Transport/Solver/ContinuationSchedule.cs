namespace MarketSim.Transport.Solver;

/// <summary>
/// How far along a continuation is, as a fraction of the way from its start counts to its target counts, and
/// how the next stage is chosen after a stage succeeds or fails. <see cref="FlowSolver"/> runs one continuation
/// routine with either schedule.
/// </summary>
internal abstract class ContinuationSchedule
{
    /// <summary>False once the steps have become too small to be worth another stage.</summary>
    public abstract bool CanContinue { get; }

    /// <summary>The fraction the next stage aims at, in (0, 1].</summary>
    public abstract double Next { get; }

    /// <summary>The stage at <see cref="Next"/> converged; returns true when that was the target (fraction 1).</summary>
    public abstract bool Reached();

    /// <summary>The stage at <see cref="Next"/> failed: the next one aims closer.</summary>
    public abstract void Failed();

    /// <summary>
    /// Tenfold growth from <paramref name="start"/> (a fraction at which the network is trivially solved); a
    /// success squares the growth again (up to ten), a failure takes its square root, down to 1.01.
    /// </summary>
    public static ContinuationSchedule Geometric(double start) => new GeometricSchedule(start);

    /// <summary>Steps of a quarter from 0; a success doubles the step, a failure halves it, down to 1e-3.</summary>
    public static ContinuationSchedule Linear() => new LinearSchedule();

    private sealed class GeometricSchedule(double start) : ContinuationSchedule
    {
        private const double FirstGrowth = 10;
        private const double SmallestGrowth = 1.01;
        private double done = start;
        private double growth = FirstGrowth;

        public override bool CanContinue => this.growth > SmallestGrowth;

        public override double Next => Math.Min(1, done * this.growth);

        public override bool Reached()
        {
            done = Next;
            this.growth = Math.Min(FirstGrowth, this.growth * this.growth);
            return done >= 1;
        }

        public override void Failed() => this.growth = Math.Sqrt(this.growth);
    }

    private sealed class LinearSchedule : ContinuationSchedule
    {
        private const double FirstStep = 0.25;
        private const double SmallestStep = 1e-3;
        private double done;
        private double step = FirstStep;

        public override bool CanContinue => this.step > SmallestStep;

        public override double Next => Math.Min(1, done + this.step);

        public override bool Reached()
        {
            done = Next;
            this.step *= 2;
            return done >= 1;
        }

        public override void Failed() => this.step *= 0.5;
    }
}
