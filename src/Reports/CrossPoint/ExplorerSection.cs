using System.Globalization;
using System.Net;
using System.Reflection;

namespace MarketSim.Reports;

/// <summary>
/// The "Across the design points" section of report.html: the explorer (outcome, policy and parameter chosen on the
/// page; uPlot 1.6.32, MIT, inlined with the data as JSON, so the page fetches nothing and needs no server), then the
/// static version of every view: the cross-point figures as PNG files beside the page and, for a two-parameter grid,
/// heat-map tables.
/// </summary>
public static class ExplorerSection
{
    /// <summary>The charting library inlined, with its licence, for the page's note.</summary>
    public const string Library = "uPlot 1.6.32 (MIT licence, © 2022 Leon Sorokin; vendored from the npm package uplot)";

    /// <summary>True when the sweep has cross-point views: two or more points drawn and a numeric swept parameter.</summary>
    public static bool Applies(CrossPointData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.Points.Count >= 2 && data.NumericAxes.Count > 0;
    }

    /// <summary>The section's HTML (empty when it does not apply).</summary>
    public static string Html(CrossPointData data, IReadOnlyList<CrossPointFigure> figures, string reportFolder)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(figures);
        if (!Applies(data)) return "";
        var html = new System.Text.StringBuilder();
        html.Append("<section id=\"explore\">\n<h2>Across the design points</h2>\n");
        html.Append(CultureInfo.InvariantCulture, $"""
            <p class="note">Each dot is a design point: the mean across its replications with a 95 % whisker (none with a
            single replication); the line is a LOWESS trend (local linear fit over the nearest two thirds of the points).
            A paired difference is policy − {E(data.Stats.Reference)} within each replication. Choose what to look at;
            the small multiples show the same outcome against every swept parameter{(data.IsGrid ? ", and the heat map the two-parameter grid" : "")}.
            Charts drawn in the page with {E(Library)}; every view also has a static figure below.</p>
            <div class="explorer">
            <div class="controls"><label>Outcome <select id="explorer-metric"></select></label>
            <label>Policy <select id="explorer-series"></select></label>
            <label>Parameter <select id="explorer-axis"></select></label></div>
            <div id="explorer-main"></div>
            <p id="explorer-static" class="note"></p>
            <h3>The same outcome against every parameter</h3>
            <div id="explorer-pairs"></div>
            <div id="explorer-heatmap"></div>
            </div>
            <noscript><p class="note">The explorer needs JavaScript; the static figures below show every view.</p></noscript>

            """);
        html.Append("<h3>Static figures</h3>\n<p class=\"note\">Every outcome against every numeric parameter: levels of each policy, then paired differences; files in <code>")
            .Append(CrossPointPlots.FolderName).Append("/</code>.</p>\n");
        foreach (var statistic in data.Statistics)
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"statics\"><h4>{E(TrajectoryPlots.Capitalised(statistic.Label))}</h4>\n");
            foreach (var figure in figures.Where(f => f.Statistic == statistic))
            {
                var src = E(Path.GetRelativePath(reportFolder, figure.Png).Replace('\\', '/'));
                var alt = E($"{(figure.Comparison == Comparison.Level ? statistic.Label : "paired difference, " + statistic.DifferenceLabel)} against {figure.Axis.Name}");
                html.Append(CultureInfo.InvariantCulture, $"<a href=\"{src}\"><img loading=\"lazy\" width=\"320\" height=\"200\" alt=\"{alt}\" src=\"{src}\"></a>\n");
            }
            if (data.IsGrid)
            {
                foreach (var s in data.Series) html.Append(HeatMapTable.Html(data, statistic, s));
            }
            html.Append("</div>\n");
        }
        html.Append("<style>\n").Append(Resource("MarketSim.Reports.uPlot.css")).Append("\n</style>\n");
        html.Append("<script>\n/* ").Append(Library).Append(" */\n").Append(Resource("MarketSim.Reports.uPlot.js")).Append("\n</script>\n");
        html.Append("<script type=\"application/json\" id=\"explorer-data\">").Append(ExplorerData.Json(data, figures, reportFolder)).Append("</script>\n");
        html.Append("<script>\n").Append(Resource("MarketSim.Reports.explorer.js")).Append("</script>\n");
        return html.Append("</section>\n").ToString();
    }

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"resource {name} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
