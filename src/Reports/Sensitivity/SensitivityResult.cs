using MarketSim.Reports.Results;

namespace MarketSim.Reports;

/// <summary>One row of analysis/indices.parquet: a measure of one parameter with its 95 % interval.</summary>
/// <param name="Parameter">Dotted path of the swept parameter.</param>
/// <param name="Measure">first_order, total (Saltelli); mu_star, mu, sigma (Morris); low_change, high_change (one at a time).</param>
/// <param name="Value">The estimate.</param>
/// <param name="Low">Lower end of its 95 % interval (bootstrap, or Student t across replications for one at a time); NaN when none.</param>
/// <param name="High">Upper end of its 95 % interval; NaN when none.</param>
public sealed record IndexRow(string Parameter, string Measure, double Value, double Low, double High);

/// <summary>What `marketsim analyze` found, before anything is written.</summary>
/// <param name="Design">The sweep's design.</param>
/// <param name="Metric">Human-readable description of the output analysed.</param>
/// <param name="Parameters">The swept parameters, in design order.</param>
/// <param name="Rows">Every measure of every parameter.</param>
/// <param name="Points">Design points used.</param>
/// <param name="Runs">Runs read.</param>
/// <param name="OutputMean">Mean of the output over the design points.</param>
/// <param name="OutputStandardDeviation">Standard deviation of the output over the design points.</param>
/// <param name="OutputMin">Smallest output over the design points (does the answer change sign anywhere in the ranges?).</param>
/// <param name="OutputMax">Largest output over the design points.</param>
public sealed record SensitivityResult(SweepDesign Design, string Metric, IReadOnlyList<string> Parameters, IReadOnlyList<IndexRow> Rows,
    int Points, int Runs, double OutputMean, double OutputStandardDeviation, double OutputMin, double OutputMax)
{
    /// <summary>The rows of one measure, in parameter order.</summary>
    public IReadOnlyList<IndexRow> Of(string measure) => Rows.Where(r => r.Measure == measure).ToList();
}
