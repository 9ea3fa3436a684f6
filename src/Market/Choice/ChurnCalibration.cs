namespace MarketSim.Market.Choice;

/// <summary>
/// Back-of-the-envelope link between inertia and monthly churn, used to pick and document the
/// <c>review_probability</c> / <c>inertia</c> pair of an experiment (the market itself never calls it).
/// <para>
/// A user who reviews keeps its portfolio, worth an inertia bonus I more than each of K equally good alternatives,
/// with logit probability P(stay | review) = e^{I/mu} / (e^{I/mu} + K), where mu = 1/alpha is the noise scale in
/// money. Monthly churn is review probability × P(leave | review). In a real market the alternatives are not equally
/// good and alpha varies across users, so K is an effective number of alternatives: measure it once from a run
/// (<see cref="EffectiveAlternatives"/>), solve for the inertia (<see cref="InertiaFor"/>), then check the new run.
/// </para>
/// </summary>
public static class ChurnCalibration
{
    /// <summary>P(leave | review) = K / (e^{I/mu} + K) for a current portfolio <paramref name="inertia"/> (money) better
    /// than each of <paramref name="alternatives"/> equally good ones, with logit noise scale <paramref name="noiseScale"/> (money).</summary>
    public static double LeaveProbability(double inertia, double alternatives, double noiseScale)
    {
        CheckModel(alternatives, noiseScale);
        ArgumentOutOfRangeException.ThrowIfNegative(inertia);
        // K e^{-I/mu} / (1 + K e^{-I/mu}): no overflow for a large inertia.
        var odds = alternatives * Math.Exp(-inertia / noiseScale);
        return odds / (1 + odds);
    }

    /// <summary>Expected share of users who leave their portfolio in a month: review probability × P(leave | review).</summary>
    public static double MonthlyChurn(double reviewProbability, double inertia, double alternatives, double noiseScale)
    {
        CheckProbability(reviewProbability, nameof(reviewProbability));
        return reviewProbability * LeaveProbability(inertia, alternatives, noiseScale);
    }

    /// <summary>
    /// Inertia (money) that gives monthly churn <paramref name="targetChurn"/> at <paramref name="reviewProbability"/>:
    /// with q = target / review = P(leave | review), I = mu ln(K (1 − q) / q). Throws when no inertia ≥ 0 reaches the
    /// target (q above K / (K + 1), the churn with no inertia at all: review more rarely instead).
    /// </summary>
    public static double InertiaFor(double targetChurn, double reviewProbability, double alternatives, double noiseScale)
    {
        CheckModel(alternatives, noiseScale);
        CheckProbability(reviewProbability, nameof(reviewProbability));
        if (!(targetChurn > 0 && targetChurn < reviewProbability))
            throw new ArgumentOutOfRangeException(nameof(targetChurn), targetChurn, $"Target churn must be in (0, review probability {reviewProbability}).");
        var leave = targetChurn / reviewProbability;
        var inertia = noiseScale * Math.Log(alternatives * (1 - leave) / leave);
        if (inertia < 0)
            throw new ArgumentOutOfRangeException(nameof(targetChurn), targetChurn,
                $"Churn {targetChurn} needs P(leave | review) {leave:G4} above {alternatives / (alternatives + 1):G4}, the churn with no inertia; review more rarely.");
        return inertia;
    }

    /// <summary>
    /// The number K of equally good alternatives that explains an <paramref name="observedChurn"/> at a review probability
    /// and inertia: K = e^{I/mu} q / (1 − q), q = churn / review. Measured on a run, it carries the market's real spread
    /// of utilities and price sensitivities into <see cref="InertiaFor"/>.
    /// </summary>
    public static double EffectiveAlternatives(double observedChurn, double reviewProbability, double inertia, double noiseScale)
    {
        CheckProbability(reviewProbability, nameof(reviewProbability));
        ArgumentOutOfRangeException.ThrowIfNegative(inertia);
        if (!(noiseScale > 0)) throw new ArgumentOutOfRangeException(nameof(noiseScale), noiseScale, "Noise scale must be > 0.");
        if (!(observedChurn > 0 && observedChurn < reviewProbability))
            throw new ArgumentOutOfRangeException(nameof(observedChurn), observedChurn, $"Observed churn must be in (0, review probability {reviewProbability}).");
        var leave = observedChurn / reviewProbability;
        return Math.Exp(inertia / noiseScale) * leave / (1 - leave);
    }

    private static void CheckModel(double alternatives, double noiseScale)
    {
        if (!(alternatives > 0)) throw new ArgumentOutOfRangeException(nameof(alternatives), alternatives, "Need more than 0 alternatives.");
        if (!(noiseScale > 0)) throw new ArgumentOutOfRangeException(nameof(noiseScale), noiseScale, "Noise scale must be > 0.");
    }

    private static void CheckProbability(double probability, string name)
    {
        if (!(probability > 0 && probability <= 1)) throw new ArgumentOutOfRangeException(name, probability, "Must be in (0, 1].");
    }
}
