using System.Globalization;

namespace MarketSim.Reports;

/// <summary>
/// One swept parameter across the design points drawn: its value at each point, as text and, when every value reads
/// as a number, as a number (a parameter swept over names, such as a controller, has no numeric axis).
/// </summary>
/// <param name="Name">Dotted path, e.g. users.mptcp_share.</param>
/// <param name="Text">Value at each point, in the order of <see cref="CrossPointData.Points"/>.</param>
/// <param name="Numbers">Numeric value at each point; null when some value is not a number.</param>
public sealed record SweptAxis(string Name, IReadOnlyList<string> Text, IReadOnlyList<double>? Numbers)
{
    /// <summary>True when the parameter can be an x axis.</summary>
    public bool IsNumeric => Numbers is not null;

    /// <summary>Reads the axis of <paramref name="name"/> from the points' values.</summary>
    public static SweptAxis Of(string name, IReadOnlyList<string> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var numbers = new double[text.Count];
        for (var i = 0; i < text.Count; i++)
        {
            if (!double.TryParse(text[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) || !double.IsFinite(numbers[i]))
                return new SweptAxis(name, text, null);
        }
        return new SweptAxis(name, text, numbers);
    }

    /// <summary>
    /// True when two axes form a full grid: every combination of their distinct values occurs exactly once (a grid
    /// design of two parameters); a quasi-random design does not, and gets no heat map.
    /// </summary>
    public static bool FormGrid(SweptAxis x, SweptAxis y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        int xs = x.Text.Distinct(StringComparer.Ordinal).Count(), ys = y.Text.Distinct(StringComparer.Ordinal).Count();
        var cells = x.Text.Zip(y.Text).Distinct().Count();
        return xs >= 2 && ys >= 2 && cells == x.Text.Count && cells == xs * ys;
    }
}
