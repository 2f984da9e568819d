using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportAssist.Evals.Reports;

/// <summary>
/// <c>results.json</c>: what was measured (suite, dataset and its hash, configuration, versions) and the metrics,
/// flattened as <c>group.metric</c> (higher is better, except latencies and <c>false_*</c> rates).
/// </summary>
public sealed record SuiteResult(
    string Suite,
    DateTimeOffset CreatedAt,
    DatasetInfo Dataset,
    IReadOnlyDictionary<string, string> Configuration,
    IReadOnlyDictionary<string, string> Versions,
    IReadOnlyDictionary<string, double> Metrics)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Serialises the result.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a <c>results.json</c>.</summary>
    /// <exception cref="Retrieval.DatasetException">The file is missing or is not a results file.</exception>
    public static SuiteResult Read(string path)
    {
        if (!File.Exists(path)) throw new Retrieval.DatasetException($"{path}: baseline file not found");
        try
        {
            var result = JsonSerializer.Deserialize<SuiteResult>(File.ReadAllText(path), Json) ?? throw new Retrieval.DatasetException($"{path}: empty");
            if (result.Suite is null || result.Metrics is null) throw new Retrieval.DatasetException($"{path}: not a results.json (no 'suite' or 'metrics')");
            return result;
        }
        catch (JsonException error)
        {
            throw new Retrieval.DatasetException($"{path}: not a results.json ({error.Message})", error);
        }
    }

    /// <summary>Whether a metric is better when lower: latencies, the false-deflection and false-handoff rates, edits, contacting support after an answer.</summary>
    public static bool LowerIsBetter(string metric) =>
        IsLatency(metric) || metric.Contains("false_", StringComparison.Ordinal) || metric.Contains("edit_", StringComparison.Ordinal)
        || metric.Contains("contacted_support", StringComparison.Ordinal) || metric.EndsWith("ece", StringComparison.Ordinal);

    /// <summary>Latencies depend on the machine: compared, never gated.</summary>
    public static bool IsLatency(string metric) => metric.Contains("latency", StringComparison.Ordinal);

    /// <summary>
    /// Compared but never gated: latencies (the machine), counts and tokens (the traffic), and per-class figures
    /// (about five test tickets a class: one ticket moves them by 0.2).
    /// </summary>
    public static bool IsUngated(string metric) =>
        IsLatency(metric) || metric.EndsWith(".count", StringComparison.Ordinal) || metric.StartsWith("tokens.", StringComparison.Ordinal)
        || metric.Contains(".class.", StringComparison.Ordinal);

    /// <summary>The version strings every result carries.</summary>
    public static Dictionary<string, string> CurrentVersions() => new(StringComparer.Ordinal)
    {
        ["supportassist"] = typeof(SuiteResult).Assembly.GetName().Version?.ToString() ?? "unknown",
        ["dotnet"] = Environment.Version.ToString(),
        ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
    };

    /// <summary>A metric formatted for tables.</summary>
    public static string Format(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.0000", CultureInfo.InvariantCulture);
}
