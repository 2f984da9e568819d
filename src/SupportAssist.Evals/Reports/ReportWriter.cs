using System.Globalization;
using System.Net;
using System.Text;

namespace SupportAssist.Evals.Reports;

/// <summary>
/// Writes a run's folder, <c>evals/results/&lt;suite&gt;-&lt;timestamp&gt;/</c>: <c>results.json</c>, a short
/// <c>summary.md</c>, and a self-contained <c>report.html</c> with its charts as inline SVG.
/// </summary>
public static class ReportWriter
{
    public static string Write(string resultsRoot, SuiteResult result, IReadOnlyList<Chart> charts, IReadOnlyList<string> notes, IReadOnlyList<MetricChange>? changes)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(charts);
        var folder = Path.Combine(resultsRoot, $"{result.Suite}-{result.CreatedAt.UtcDateTime.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture)}");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "results.json"), result.ToJson());
        File.WriteAllText(Path.Combine(folder, "summary.md"), Markdown(result, notes, changes));
        File.WriteAllText(Path.Combine(folder, "report.html"), Html(result, charts, notes, changes));
        return folder;
    }

    private static string Markdown(SuiteResult result, IReadOnlyList<string> notes, IReadOnlyList<MetricChange>? changes)
    {
        var text = new StringBuilder();
        text.Append("# ").Append(result.Suite).Append(" — ").Append(result.CreatedAt.ToString("u", CultureInfo.InvariantCulture)).Append("\n\n");
        text.Append("Dataset `").Append(result.Dataset.Path).Append("` (sha256 ").Append(result.Dataset.Sha256[..12]).Append(").\n\n");
        foreach (var note in notes) text.Append("- ").Append(note).Append('\n');
        text.Append("\n| Metric | Value |").Append(changes is null ? "" : " Baseline | Change |").Append('\n');
        text.Append("| --- | --- |").Append(changes is null ? "" : " --- | --- |").Append('\n');
        var byMetric = changes?.ToDictionary(c => c.Metric, StringComparer.Ordinal);
        foreach (var (metric, value) in result.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            text.Append("| ").Append(metric).Append(" | ").Append(SuiteResult.Format(value)).Append(" |");
            if (byMetric is not null)
            {
                text.Append(byMetric.TryGetValue(metric, out var change)
                    ? string.Create(CultureInfo.InvariantCulture, $" {SuiteResult.Format(change.Baseline)} | {change.Delta:+0.0000;-0.0000;0.0000}{(change.Regressed ? " **regressed**" : "")} |")
                    : " | |");
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    private static string Html(SuiteResult result, IReadOnlyList<Chart> charts, IReadOnlyList<string> notes, IReadOnlyList<MetricChange>? changes)
    {
        var html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>");
        html.Append(Encode(result.Suite)).Append(" report</title><style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px}")
            .Append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}td:first-child,th:first-child{text-align:left}")
            .Append(".bad{color:#b00020;font-weight:bold}</style></head><body>");
        html.Append("<h1>").Append(Encode(result.Suite)).Append("</h1><p>").Append(Encode(result.CreatedAt.ToString("u", CultureInfo.InvariantCulture)))
            .Append(" · dataset <code>").Append(Encode(result.Dataset.Path)).Append("</code> (sha256 ").Append(Encode(result.Dataset.Sha256[..12])).Append(")</p><ul>");
        foreach (var note in notes) html.Append("<li>").Append(Encode(note)).Append("</li>");
        html.Append("</ul>");
        foreach (var chart in charts)
        {
            html.Append(chart switch
            {
                BarChart bars => Svg(bars),
                HeatMap map => Svg(map),
                Histogram histogram => Svg(histogram),
                _ => "",
            });
        }
        html.Append("<h2>Metrics</h2><table><tr><th>metric</th><th>value</th>").Append(changes is null ? "" : "<th>baseline</th><th>change</th>").Append("</tr>");
        var byMetric = changes?.ToDictionary(c => c.Metric, StringComparer.Ordinal);
        foreach (var (metric, value) in result.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            html.Append("<tr><td>").Append(Encode(metric)).Append("</td><td>").Append(SuiteResult.Format(value)).Append("</td>");
            if (byMetric is not null && byMetric.TryGetValue(metric, out var change))
                html.Append("<td>").Append(SuiteResult.Format(change.Baseline)).Append("</td><td").Append(change.Regressed ? " class=\"bad\"" : "").Append('>')
                    .Append(change.Delta.ToString("+0.0000;-0.0000;0.0000", CultureInfo.InvariantCulture)).Append("</td>");
            else if (byMetric is not null) html.Append("<td></td><td></td>");
            html.Append("</tr>");
        }
        html.Append("</table><h2>Configuration</h2><table>");
        foreach (var (key, value) in result.Configuration.Concat(result.Versions)) html.Append("<tr><td>").Append(Encode(key)).Append("</td><td>").Append(Encode(value)).Append("</td></tr>");
        return html.Append("</table></body></html>").ToString();
    }

    // Grouped bars, values in [0, 1] (clamped), one colour per series, with a legend.
    private static string Svg(BarChart chart)
    {
        string[] colours = ["#3867d6", "#20bf6b", "#f7b731", "#eb3b5a", "#8854d0"];
        var series = chart.Series.ToList();
        const int groupWidth = 120, barHeight = 200, left = 40, top = 30;
        var barWidth = Math.Max(8, (groupWidth - 20) / Math.Max(1, series.Count));
        var width = left + chart.Categories.Count * groupWidth + 160;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<h2>{Encode(chart.Title)}</h2><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{barHeight + top + 50}\" role=\"img\">");
        for (var tick = 0; tick <= 4; tick++)
        {
            var y = top + barHeight - tick * barHeight / 4;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{width - 160}\" y1=\"{y}\" y2=\"{y}\" stroke=\"#eee\"/><text x=\"4\" y=\"{y + 4}\" font-size=\"11\">{tick * 0.25:0.00}</text>");
        }
        for (var c = 0; c < chart.Categories.Count; c++)
        {
            var x0 = left + c * groupWidth + 10;
            for (var s = 0; s < series.Count; s++)
            {
                var value = Math.Clamp(series[s].Value[c], 0, 1);
                var height = (int)Math.Round(value * barHeight);
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect x=\"{x0 + s * barWidth}\" y=\"{top + barHeight - height}\" width=\"{barWidth - 2}\" height=\"{height}\" fill=\"{colours[s % colours.Length]}\"><title>{Encode(series[s].Key)} {Encode(chart.Categories[c])}: {series[s].Value[c]:0.0000}</title></rect>");
            }
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x0}\" y=\"{top + barHeight + 16}\" font-size=\"11\">{Encode(chart.Categories[c])}</text>");
        }
        for (var s = 0; s < series.Count; s++)
        {
            var y = top + s * 18;
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{width - 150}\" y=\"{y}\" width=\"12\" height=\"12\" fill=\"{colours[s % colours.Length]}\"/><text x=\"{width - 132}\" y=\"{y + 11}\" font-size=\"12\">{Encode(series[s].Key)}</text>");
        }
        return svg.Append("</svg>").ToString();
    }

    // Rows are gold labels, columns predictions; the darker the cell, the more tickets.
    private static string Svg(HeatMap map)
    {
        const int cell = 16, left = 190, top = 190;
        var n = map.Labels.Count;
        var max = Math.Max(1, map.Counts.SelectMany(r => r).DefaultIfEmpty(0).Max());
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<h2>{Encode(map.Title)}</h2><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{left + n * cell + 20}\" height=\"{top + n * cell + 20}\" role=\"img\">");
        for (var i = 0; i < n; i++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 4}\" y=\"{top + i * cell + 12}\" font-size=\"10\" text-anchor=\"end\">{Encode(map.Labels[i])}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text transform=\"translate({left + i * cell + 12},{top - 4}) rotate(-60)\" font-size=\"10\">{Encode(map.Labels[i])}</text>");
            for (var j = 0; j < n; j++)
            {
                var count = map.Counts[i][j];
                var shade = count == 0 ? 255 : (int)Math.Round(230 - 200.0 * count / max);
                var colour = i == j ? $"rgb({shade},{shade},255)" : $"rgb(255,{shade},{shade})";
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left + j * cell}\" y=\"{top + i * cell}\" width=\"{cell - 1}\" height=\"{cell - 1}\" fill=\"{colour}\"><title>{Encode(map.Labels[i])} -> {Encode(map.Labels[j])}: {count}</title></rect>");
            }
        }
        return svg.Append("</svg><p>Rows: gold label; columns: prediction (blue: correct, red: confused).</p>").ToString();
    }

    private static string Svg(Histogram histogram)
    {
        if (histogram.Values.Count == 0) return "";
        var min = histogram.Values.Min();
        var max = histogram.Values.Max();
        var width = Math.Max((max - min) / histogram.Bins, 1e-9);
        var counts = new int[histogram.Bins];
        foreach (var v in histogram.Values) counts[Math.Min((int)((v - min) / width), histogram.Bins - 1)]++;
        const int barWidth = 24, height = 160, top = 20, left = 40;
        var tallest = Math.Max(1, counts.Max());
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<h2>{Encode(histogram.Title)}</h2><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{left + histogram.Bins * barWidth + 20}\" height=\"{height + top + 40}\" role=\"img\">");
        for (var b = 0; b < histogram.Bins; b++)
        {
            var h = (int)Math.Round(counts[b] * (double)height / tallest);
            var from = min + b * width;
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left + b * barWidth}\" y=\"{top + height - h}\" width=\"{barWidth - 2}\" height=\"{h}\" fill=\"#3867d6\"><title>{from:0.00}–{from + width:0.00} ms: {counts[b]}</title></rect>");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{top + height + 16}\" font-size=\"11\">{min:0.00} ms</text><text x=\"{left + histogram.Bins * barWidth - 40}\" y=\"{top + height + 16}\" font-size=\"11\">{max:0.00} ms</text>");
        return svg.Append("</svg>").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
